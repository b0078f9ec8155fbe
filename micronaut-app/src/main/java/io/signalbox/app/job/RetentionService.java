package io.signalbox.app.job;

import io.signalbox.app.logging.LogContext;
import io.signalbox.app.metrics.JobMetrics;
import io.signalbox.app.presigned.PresignedUploadService;
import io.signalbox.routes.cleanup.JobFiles;
import io.signalbox.routes.cleanup.RetentionPolicy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides which jobs' objects must go, for the {@code cleanup} routes. */
@Singleton
final class RetentionService implements RetentionPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
    private static final String PARTNER_PICKUP = "partner-pickup";

    private final JobRepository jobs;
    private final RetentionSettings settings;
    private final JobMetrics metrics;
    private final PresignedUploadService presignedUploads;

    RetentionService(JobRepository jobs, RetentionSettings settings, JobMetrics metrics,
            PresignedUploadService presignedUploads) {
        this.jobs = jobs;
        this.settings = settings;
        this.metrics = metrics;
        this.presignedUploads = presignedUploads;
    }

    @Override
    public List<JobFiles> dueForDeletion() {
        int expired = jobs.expire(seconds(settings.retention()), seconds(settings.uploadWindow()));
        if (expired > 0) {
            metrics.reached(JobMetrics.Outcome.EXPIRED, expired);
            LOG.info("{} jobs expired", expired);
        }
        int aborted = presignedUploads.abortAbandoned();
        if (aborted > 0) {
            LOG.info("{} presigned uploads of expired, cancelled or failed jobs aborted", aborted);
        }
        int pickedUp = jobs.completePickups();
        if (pickedUp > 0) {
            LOG.info("{} results picked up by their partners; their grace windows are over", pickedUp);
        }
        List<JobFiles> due = new ArrayList<>();
        for (Job job : jobs.withFilesToDelete(settings.batchSize())) {
            due.add(new JobFiles(job.id().toString(), job.tenantId(), JobKeys.allPrefixes(job),
                    outboxKeysGoingWith(job), reason(job)));
        }
        // A failed drop's error file stays for its partner to read, after the job's own files are gone.
        for (Job job : jobs.failedDropsWithOutboxDue(seconds(settings.retention()), settings.batchSize())) {
            boolean pickedUpByPartner = job.pickupDueAt() != null && !job.pickupDueAt().isAfter(Instant.now());
            due.add(new JobFiles(job.id().toString(), job.tenantId(), List.of(), JobKeys.outboxKeys(job),
                    pickedUpByPartner ? PARTNER_PICKUP : "expired"));
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
        if (!files.prefixes().isEmpty()) {
            jobs.markFilesDeleted(id);
        }
        if (!files.keys().isEmpty()) {
            jobs.markOutboxDeleted(id);
        }
        jobs.completeReceipt(id);
    }

    private static List<String> outboxKeysGoingWith(Job job) {
        return job.dropped() && job.ownsOutboxFiles() && job.status() != JobStatus.FAILED
                ? JobKeys.outboxKeys(job) : List.of();
    }

    private static String reason(Job job) {
        if (job.deletedBecause() != null) {
            return job.deletedBecause();
        }
        if (job.dropped() && job.status() == JobStatus.DOWNLOADED) {
            return PARTNER_PICKUP;
        }
        return job.status().name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
