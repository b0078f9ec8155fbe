package io.signalbox.app.job;

import io.signalbox.app.logging.LogContext;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.ingest.UploadIntake;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides what an upload arriving means for its job. */
@Singleton
final class UploadIntakeService implements UploadIntake {

    private static final Logger LOG = LoggerFactory.getLogger(UploadIntakeService.class);

    private final JobRepository jobs;

    UploadIntakeService(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public String accept(ObjectEvent event) {
        String[] parts = event.key().split("/", 4);
        Optional<UUID> id = parts.length == 4 ? JobIds.parse(parts[2]) : Optional.empty();
        Optional<Job> found = id.flatMap(jobs::findById);
        if (found.isPresent() && found.get().source() == JobSource.DROP) {
            // The drop folder's intake copied this file here and queues the job itself once it has the recipe.
            LOG.debug("{} of {} is a dropped file taken in by job {}", event.eventName(), event.key(), found.get().id());
            return null;
        }
        if (found.isPresent() && event.key().equals(found.get().signalsKey())) {
            // A signals file comes before its prices; the prices file's event queues the job.
            LOG.debug("{} of {}: the signals file of job {}", event.eventName(), event.key(), found.get().id());
            return null;
        }
        Optional<Job> job = found
                .filter(candidate -> candidate.tenantId().equals(parts[1]) && candidate.inputKey().equals(event.key()));
        if (job.isEmpty()) {
            LOG.warn("{} of {} belongs to no job; ignored", event.eventName(), event.key());
            return null;
        }
        LogContext.job(job.get().id().toString(), job.get().tenantId());
        if (jobs.markQueued(job.get().id()) == 1) {
            LOG.info("job {} queued: {} bytes uploaded", job.get().id(), event.size());
            return job.get().id().toString();
        }
        Job current = jobs.findById(job.get().id()).orElseThrow();
        if (current.status().finished() && jobs.markFilesPending(current.id()) == 1) {
            LOG.info("job {} is {}; the object written to it late will be deleted", current.id(), current.status());
        }
        // Sent again while QUEUED: the earlier send may have failed after the update. A duplicate jobs message is
        // dropped by the claim, a lost one would strand the job.
        return current.status() == JobStatus.QUEUED ? current.id().toString() : null;
    }
}
