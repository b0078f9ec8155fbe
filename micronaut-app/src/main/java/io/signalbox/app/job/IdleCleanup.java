package io.signalbox.app.job;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import io.signalbox.app.routing.RouteGroupSettings;
import io.signalbox.routes.cleanup.JobFiles;
import io.signalbox.routes.cleanup.RetentionPolicy;
import io.signalbox.topology.RouteGroup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a database that may pause sleep ({@code signalbox.cleanup.idle-sleep} above 0). The cleanup runs at its
 * interval while this process sees job activity (an API request, a message taken off a queue) and for a while after
 * it, long enough for the grace windows that follow a download to end. Then, while jobs still wait (a result nobody
 * fetched yet), it looks once per idle sleep; when no job is unfinished at all, it leaves the database alone until the
 * next activity. Only in a process that runs {@code api}, {@code ingest} and {@code cleanup} together, where every
 * new job passes: elsewhere a job another service creates would go unseen, so the cleanup keeps its interval.
 */
@Singleton
@Primary
final class IdleCleanup implements RetentionPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(IdleCleanup.class);
    /** When nothing at all is in flight, the cleanup still looks this often, in case a job was created unseen. */
    static final Duration QUIET_CHECK = Duration.ofDays(1);

    private final RetentionPolicy retention;
    private final BooleanSupplier anyUnfinished;
    private final JobActivity activity;
    private final Duration idleSleep;
    private final Duration linger;
    private final Clock clock;
    private long lastSeen = -1;
    private Instant lastActivity = Instant.MIN;
    private Instant nextRun = Instant.MIN;

    @Inject
    IdleCleanup(RetentionService retention, JobRepository jobs, ResultDeliveries deliveries, JobActivity activity,
            RouteGroupSettings groups,
            RetentionSettings settings, @Value("${signalbox.cleanup.idle-sleep:0s}") Duration idleSleep,
            @Value("${signalbox.pickup.grace:10m}") Duration pickupGrace,
            @Value("${signalbox.download.grace:10m}") Duration downloadGrace) {
        this(retention, () -> jobs.anyUnfinished()
                || deliveries.all().stream().anyMatch(ResultDelivery::anyFilesOutlivingJobs), activity,
                groups.runs(RouteGroup.API) && groups.runs(RouteGroup.INGEST) && groups.runs(RouteGroup.CLEANUP)
                        ? idleSleep : Duration.ZERO,
                (pickupGrace.compareTo(downloadGrace) > 0 ? pickupGrace : downloadGrace)
                        .plusMillis(2 * settings.intervalMillis()),
                Clock.systemUTC());
    }

    IdleCleanup(RetentionPolicy retention, BooleanSupplier anyUnfinished, JobActivity activity, Duration idleSleep,
            Duration linger, Clock clock) {
        this.retention = retention;
        this.anyUnfinished = anyUnfinished;
        this.activity = activity;
        this.idleSleep = idleSleep;
        this.linger = linger;
        this.clock = clock;
    }

    @Override
    public synchronized List<JobFiles> dueForDeletion() {
        if (idleSleep.isZero()) {
            return retention.dueForDeletion();
        }
        Instant now = clock.instant();
        long seen = activity.count();
        if (seen != lastSeen) {
            lastSeen = seen;
            lastActivity = now;
        }
        boolean lingering = now.isBefore(lastActivity.plus(linger));
        if (!lingering && now.isBefore(nextRun)) {
            return List.of();
        }
        List<JobFiles> due = retention.dueForDeletion();
        if (!lingering) {
            if (!due.isEmpty()) {
                nextRun = now;
            } else if (anyUnfinished.getAsBoolean()) {
                nextRun = now.plus(idleSleep);
            } else {
                LOG.info("No job in flight: the cleanup leaves the database alone until a request or a message comes");
                nextRun = now.plus(QUIET_CHECK);
            }
        }
        return due;
    }

    @Override
    public boolean claim(JobFiles files) {
        return retention.claim(files);
    }

    @Override
    public void deleted(JobFiles files) {
        retention.deleted(files);
    }
}
