package io.signalbox.app.job;

import io.signalbox.app.logging.LogContext;
import io.signalbox.routes.cleanup.JobFiles;
import io.signalbox.routes.cleanup.RetentionPolicy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final UploadAborts uploadAborts;
    private final ResultDeliveries deliveries;

    RetentionService(JobRepository jobs, RetentionSettings settings, JobMetrics metrics,
            UploadAborts uploadAborts, ResultDeliveries deliveries) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.settings = settings;
        this.metrics = metrics;
        this.uploadAborts = uploadAborts;
    }

    @Override
    public List<JobFiles> dueForDeletion() {
        int expired = jobs.expire(seconds(settings.retention()), seconds(settings.uploadWindow()));
        if (expired > 0) {
            metrics.reached(JobMetrics.Outcome.EXPIRED, expired);
            LOG.info("{} jobs expired", expired);
        }
        int aborted = uploadAborts.abortAbandoned();
        if (aborted > 0) {
            LOG.info("{} presigned uploads of expired, cancelled or failed jobs aborted", aborted);
        }
        deliveries.all().forEach(ResultDelivery::beforeCleanup);
        List<JobFiles> due = new ArrayList<>();
        for (Job job : jobs.withFilesToDelete(settings.batchSize())) {
            ResultDelivery delivery = deliveries.of(job);
            due.add(new JobFiles(job.id().toString(), job.tenantId(), JobKeys.allPrefixes(job),
                    delivery.keysGoingWith(job),
                    job.deletedBecause() != null ? job.deletedBecause() : delivery.deletionReason(job)));
        }
        for (ResultDelivery delivery : deliveries.all()) {
            due.addAll(delivery.filesOutlivingJobs(settings.retention(), settings.batchSize()));
        }
        return due;
    }

    /** A job's own files may also be deleted by a DELETE request; an error file left in the outbox only here. */
    @Override
    public boolean claim(JobFiles files) {
        LogContext.job(files.jobId(), files.tenant());
        return files.prefixes().isEmpty()
                || jobs.claimFiles(UUID.fromString(files.jobId()), JobService.DELETION_CLAIM.toSeconds()) == 1;
    }

    @Override
    public void deleted(JobFiles files) {
        UUID id = UUID.fromString(files.jobId());
        Job job = jobs.findById(id).orElseThrow();
        ResultDelivery delivery = deliveries.of(job);
        if (!files.prefixes().isEmpty()) {
            jobs.markFilesDeleted(id);
        }
        if (!files.keys().isEmpty()) {
            delivery.keysDeleted(job);
        }
        if (!delivery.filesRemain(job)) {
            jobs.completeReceipt(id, delivery.deliveredBecause());
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
