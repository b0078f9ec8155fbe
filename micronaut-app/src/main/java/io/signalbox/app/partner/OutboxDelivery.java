package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.job.DeliveryFacts;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.job.JobStatus;
import io.signalbox.app.job.ResultDelivery;
import io.signalbox.processors.BadInputException;
import io.signalbox.routes.cleanup.JobFiles;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results of dropped files: written straight into the partner's outbox under the name the partner looks for, with
 * the summary of a success or the reason of a failure beside them. The outbox files of a name belong to the job
 * that wrote them last; the cleanup deletes them once the partner picked them up (or they expired).
 */
@Singleton
final class OutboxDelivery implements ResultDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final String PARTNER_PICKUP = "partner-pickup";

    private final JobRepository jobs;
    private final DropRepository drops;
    private final DropOutbox outbox;

    OutboxDelivery(JobRepository jobs, DropRepository drops, DropOutbox outbox) {
        this.jobs = jobs;
        this.drops = drops;
        this.outbox = outbox;
    }

    @Override
    public JobSource source() {
        return JobSource.DROP;
    }

    @Override
    public String resultPrefix(Job job) {
        return drop(job).outboxName() + ".";
    }

    @Override
    public void beforeSuccess(Job job, String summaryJson) {
        outbox.writeSummary(drop(job), summaryJson);
    }

    @Override
    public void beforeFailure(Job job, String code, String message, @Nullable BadInputException cause) {
        outbox.writeError(drop(job), code, message, null, cause);
    }

    @Override
    public void ended(Job job) {
        outbox.takeOwnership(drop(job));
    }

    /**
     * An attempt that lost its job wrote into the outbox anyway. A later attempt writes the same keys and keeps them;
     * a job that was cancelled meanwhile must have them deleted.
     */
    @Override
    public void attemptLost(Job job, String resultPrefix, boolean wroteResult) {
        Job current = jobs.findById(job.id()).orElseThrow();
        if (current.status().finished()) {
            drops.markOutboxWritten(job.id());
            jobs.markFilesPending(job.id());
        }
        LOG.info("job {} finished an attempt after losing the job ({}); its outbox files are left to {}", job.id(),
                current.status(), current.status().finished() ? "the cleanup" : "the attempt that has it");
    }

    @Override
    public void beforeCleanup() {
        int pickedUp = drops.completePickups();
        if (pickedUp > 0) {
            LOG.info("{} results picked up by their partners; their grace windows are over", pickedUp);
        }
    }

    /** A failed drop's error file stays for its partner to read after the job's own files are gone. */
    @Override
    public List<String> keysGoingWith(Job job) {
        Drop drop = drop(job);
        return drop.ownsOutboxFiles() && job.status() != JobStatus.FAILED ? outboxKeys(job, drop) : List.of();
    }

    @Override
    public String deletionReason(Job job) {
        return job.status() == JobStatus.DOWNLOADED ? PARTNER_PICKUP : ResultDelivery.super.deletionReason(job);
    }

    @Override
    public String deliveredBecause() {
        return "picked-up";
    }

    @Override
    public List<JobFiles> filesOutlivingJobs(Duration retention, int limit) {
        List<JobFiles> due = new ArrayList<>();
        for (Drop drop : drops.failedWithOutboxDue(retention.toMillis() / 1000.0, limit)) {
            Job job = jobs.findById(drop.jobId()).orElseThrow();
            boolean pickedUpByPartner = job.pickupDueAt() != null && !job.pickupDueAt().isAfter(Instant.now());
            due.add(new JobFiles(job.id().toString(), job.tenantId(), List.of(), outboxKeys(job, drop),
                    pickedUpByPartner ? PARTNER_PICKUP : "expired"));
        }
        return due;
    }

    @Override
    public void keysDeleted(Job job) {
        drops.markOutboxDeleted(job.id());
    }

    @Override
    public boolean filesRemain(Job job) {
        return drop(job).ownsOutboxFiles();
    }

    @Override
    public boolean anyFilesOutlivingJobs() {
        return drops.anyOutboxFiles();
    }

    @Override
    public DeliveryFacts facts(Job job) {
        Drop drop = drop(job);
        return new DeliveryFacts(drop.dropKey(), drop.pickedUpAt());
    }

    private Drop drop(Job job) {
        return drops.findById(job.id()).orElseThrow(() -> new IllegalStateException("job " + job.id()
                + " came from a drop folder, but has no drop"));
    }

    /** Every key the job may have written in the partner's outbox. */
    private static List<String> outboxKeys(Job job, Drop drop) {
        String result = job.resultKey() != null ? job.resultKey() : drop.outboxKey(OutboxFile.Kind.RESULT);
        return List.of(result, drop.outboxKey(OutboxFile.Kind.SUMMARY), drop.outboxKey(OutboxFile.Kind.ERROR));
    }
}
