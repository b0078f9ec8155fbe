package io.signalbox.app.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void judgesNobodyBeforeAWholeWindowHasPassed() {
        RateWindow window = new RateWindow(1000, Duration.ofSeconds(10), 0);

        assertThat(window.tooSlow(9 * SECOND, 0)).isFalse();
    }

    @Test
    void findsASenderThatStaysBelowTheMinimumForTheWholeWindowTooSlow() {
        RateWindow window = new RateWindow(1000, Duration.ofSeconds(10), 0);
        for (int second = 1; second < 10; second++) {
            assertThat(window.tooSlow(second * SECOND, second * 999L)).isFalse();
        }

        assertThat(window.tooSlow(10 * SECOND, 9_990)).isTrue();
    }

    @Test
    void acceptsASenderAtTheMinimum() {
        RateWindow window = new RateWindow(1000, Duration.ofSeconds(10), 0);
        for (int second = 1; second <= 60; second++) {
            assertThat(window.tooSlow(second * SECOND, second * 1000L)).as("second " + second).isFalse();
        }
    }

    @Test
    void forgivesAPauseShorterThanTheWindowAfterABurstButNotALongerOne() {
        RateWindow window = new RateWindow(1000, Duration.ofSeconds(10), 0);
        assertThat(window.tooSlow(SECOND, 1_000_000)).isFalse();
        for (int second = 2; second <= 10; second++) {
            // the burst of the first second is still within the last ten
            assertThat(window.tooSlow(second * SECOND, 1_000_000)).as("second " + second).isFalse();
        }

        assertThat(window.tooSlow(11 * SECOND, 1_000_000)).isTrue();
    }

    @Test
    void acceptsAnyRateWhenTheMinimumIsZero() {
        RateWindow window = new RateWindow(0, Duration.ofSeconds(1), 0);

        assertThat(window.tooSlow(3600 * SECOND, 0)).isFalse();
    }
}
