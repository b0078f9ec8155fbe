package io.signalbox.app.webhook;

import io.micronaut.context.annotation.Value;
import io.signalbox.app.routing.RouteGroupSettings;
import io.signalbox.app.job.JobActivity;
import io.signalbox.topology.RouteGroup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the webhook dispatch should look for due events now. Normally at every poll. Where the database may pause
 * ({@code signalbox.cleanup.idle-sleep} above 0 in a process running {@code api}, {@code ingest} and {@code cleanup}
 * together), a query every second would keep it awake forever, so the dispatch looks only: for a while after job
 * activity this process saw (a request, a message), while its last look found jobs queued or running (another
 * service's transitions make events then, and that service keeps the database awake anyway), and when the earliest
 * pending event it knows of comes due.
 */
@Singleton
final class WebhookPolling {

    /** How long after activity the dispatch keeps looking: events follow the requests and messages that make them. */
    static final Duration LINGER = Duration.ofMinutes(2);

    private final JobActivity activity;
    private final boolean mayPause;
    private final Clock clock;
    private long lastSeen;
    private Instant lastActivity = Instant.MIN;
    private boolean jobsRunning;
    /** The earliest pending event's due time; {@code Instant.MIN} until the first look, {@code null} for none. */
    private Instant nextDue = Instant.MIN;

    @Inject
    WebhookPolling(JobActivity activity, RouteGroupSettings groups,
            @Value("${signalbox.cleanup.idle-sleep:0s}") Duration idleSleep) {
        this(activity, !idleSleep.isZero() && groups.runs(RouteGroup.API) && groups.runs(RouteGroup.INGEST)
                && groups.runs(RouteGroup.CLEANUP), Clock.systemUTC());
    }

    WebhookPolling(JobActivity activity, boolean mayPause, Clock clock) {
        this.activity = activity;
        this.mayPause = mayPause;
        this.clock = clock;
        this.lastSeen = activity.count();
    }

    /**
     * @return whether the database may pause, so that {@link #looked} wants to know what the look found
     */
    boolean mayPause() {
        return mayPause;
    }

    /**
     * @return whether to look for due events now
     */
    synchronized boolean shouldLook() {
        if (!mayPause) {
            return true;
        }
        Instant now = clock.instant();
        long seen = activity.count();
        if (seen != lastSeen) {
            lastSeen = seen;
            lastActivity = now;
        }
        return now.isBefore(lastActivity.plus(LINGER)) || jobsRunning || (nextDue != null && !now.isBefore(nextDue));
    }

    /**
     * @param running whether jobs were queued or running
     * @param earliestPending when the earliest pending event is due, or empty when none is pending
     */
    synchronized void looked(boolean running, Optional<Instant> earliestPending) {
        jobsRunning = running;
        nextDue = earliestPending.orElse(null);
    }
}
