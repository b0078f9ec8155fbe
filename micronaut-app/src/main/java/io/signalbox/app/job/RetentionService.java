package io.signalbox.app.job;

import io.signalbox.app.metrics.JobMetrics;
import io.signalbox.routes.cleanup.JobFiles;
import io.signalbox.routes.cleanup.RetentionPolicy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides which jobs' objects must go, for the {@code cleanup} routes. */
@Singleton
final class RetentionService implements RetentionPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

    private final JobRepository jobs;
    private final RetentionSettings settings;
    private final JobMetrics metrics;

    RetentionService(JobRepository jobs, RetentionSettings settings, JobMetrics metrics) {
        this.jobs = jobs;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public List<JobFiles> dueForDeletion() {
        int expired = jobs.expire(seconds(settings.retention()), seconds(settings.uploadWindow()));
        if (expired > 0) {
            metrics.reached(JobMetrics.Outcome.EXPIRED, expired);
            LOG.info("{} jobs expired", expired);
        }
        return jobs.withFilesToDelete(settings.batchSize()).stream()
                .map(job -> new JobFiles(job.id().toString(), JobKeys.allPrefixes(job),
                        job.status().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    @Override
    public void deleted(JobFiles files) {
        jobs.markFilesDeleted(UUID.fromString(files.jobId()));
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
