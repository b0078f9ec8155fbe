package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule defaults = new RetrySchedule(Duration.ofSeconds(30), Duration.ofMinutes(30));

    @Test
    void doublesTheDelayAfterEachFailedAttemptUpToTheLongest() {
        assertThat(defaults.delayAfter(1, () -> 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.delayAfter(2, () -> 0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.delayAfter(3, () -> 0)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.delayAfter(6, () -> 0)).isEqualTo(Duration.ofMinutes(16));
        assertThat(defaults.delayAfter(7, () -> 0)).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.delayAfter(1_000, () -> 0)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void addsUpToAQuarterAtRandomAndNeverTakesAnythingAway() {
        assertThat(defaults.delayAfter(2, () -> 0.999_999)).isBetween(Duration.ofMinutes(1), Duration.ofSeconds(75));
        assertThat(defaults.delayAfter(2, () -> 0.5)).isEqualTo(Duration.ofMillis(67_500));
        assertThat(defaults.delayAfter(7, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofMinutes(30).plusMinutes(7).plusSeconds(30));
    }

    @Test
    void theDefaultTenAttemptsSpanMoreThanAnHour() {
        assertThat(defaults.shortestSpan(10)).isEqualTo(Duration.ofSeconds(30 + 60 + 120 + 240 + 480 + 960 + 3 * 1800));
        assertThat(defaults.shortestSpan(10)).isGreaterThan(Duration.ofHours(2));
        assertThat(defaults.shortestSpan(7)).isLessThan(Duration.ofHours(1));
        assertThat(defaults.shortestSpan(8)).isGreaterThan(Duration.ofHours(1));
    }

    @Test
    void refusesDelaysThatCannotMakeASchedule() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the longest at least the first");
    }
}
