package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.app.MovableClock;
import io.signalbox.app.job.JobActivity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookPollingTest {

    private final MovableClock clock = new MovableClock();
    private final JobActivity activity = new JobActivity();

    @Test
    void looksAtEveryPollWhereTheDatabaseNeverPauses() {
        WebhookPolling polling = new WebhookPolling(activity, false, clock);
        polling.looked(false, Optional.empty());
        clock.advance(Duration.ofDays(1));

        assertThat(polling.shouldLook()).isTrue();
        assertThat(polling.mayPause()).isFalse();
    }

    @Test
    void whereTheDatabaseMayPauseLooksAfterActivityThenLeavesItAlone() {
        WebhookPolling polling = new WebhookPolling(activity, true, clock);
        assertThat(polling.shouldLook()).as("the first look after a start").isTrue();
        polling.looked(false, Optional.empty());
        assertThat(polling.shouldLook()).as("nothing pending, nothing running, no activity").isFalse();

        activity.seen();
        assertThat(polling.shouldLook()).isTrue();
        polling.looked(false, Optional.empty());
        clock.advance(WebhookPolling.LINGER.minusSeconds(1));
        assertThat(polling.shouldLook()).as("still lingering after the activity").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(polling.shouldLook()).as("the activity is over").isFalse();
    }

    @Test
    void whereTheDatabaseMayPauseLooksWhileJobsRunAndWhenAnEventComesDue() {
        WebhookPolling polling = new WebhookPolling(activity, true, clock);
        polling.looked(true, Optional.empty());
        clock.advance(Duration.ofHours(1));
        assertThat(polling.shouldLook()).as("a job runs elsewhere and will make events").isTrue();

        polling.looked(false, Optional.of(clock.instant().plus(Duration.ofMinutes(30))));
        clock.advance(Duration.ofMinutes(29));
        assertThat(polling.shouldLook()).as("the retry is not due yet").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(polling.shouldLook()).as("the retry is due").isTrue();
    }
}
