package io.signalbox.app.job;

import io.signalbox.app.logging.LogContext;
import io.signalbox.app.metrics.JobMetrics;
import io.signalbox.app.storage.ObjectStore;
import io.signalbox.processors.BadInputException;
import io.signalbox.routes.common.TransientFailureListener;
import io.signalbox.routes.process.ClaimedJob;
import io.signalbox.routes.process.JobAbandonedException;
import io.signalbox.routes.process.JobExecution;
import io.signalbox.routes.process.JobOutcome;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job store behind the {@code process} routes. */
@Singleton
final class JobExecutionService implements JobExecution, TransientFailureListener {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecutionService.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_ERROR_LENGTH = 2000;

    private static final String UNDELIVERABLE_REASON =
            "gave up after repeated failures of the service, not of the input; last error: ";

    private final JobRepository jobs;
    private final ObjectStore store;
    private final DropOutbox outbox;
    private final JobMetrics metrics;
    private final Map<String, Long> lastProgressWrite = new ConcurrentHashMap<>();

    JobExecutionService(JobRepository jobs, ObjectStore store, DropOutbox outbox, JobMetrics metrics) {
        this.jobs = jobs;
        this.store = store;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    @Override
    public ClaimedJob claim(String jobId, String messageId) {
        Optional<UUID> id = JobIds.parse(jobId);
        if (id.isEmpty()) {
            LOG.warn("message {} names no job (\"{}\"); dropped", messageId, jobId);
            return null;
        }
        if (jobs.claim(id.get(), messageId) == 0) {
            LOG.info("job {} not claimed by message {}: {}", jobId, messageId,
                    jobs.findById(id.get()).map(job -> "it is " + job.status()).orElse("no such job"));
            return null;
        }
        Job job = jobs.findById(id.get()).orElseThrow();
        LogContext.job(jobId, job.tenantId());
        LOG.info("job {} attempt {} started", jobId, job.attempts());
        // A dropped file's result goes straight to its partner's outbox, under the name the partner looks for.
        String resultPrefix = job.dropped() ? job.outboxName() + "."
                : JobKeys.attemptPrefix(job.tenantId(), job.id(), job.attempts());
        return new ClaimedJob(jobId, job.tenantId(), job.attempts(), job.inputKey(), job.inputName(),
                job.recipePreset(), job.recipeJson(), resultPrefix, job.signalsKey(), job.signalsName(),
                job.declaredSha256());
    }

    @Override
    public void progress(ClaimedJob job, long rowsRead) {
        long now = System.nanoTime();
        Long last = lastProgressWrite.get(job.id());
        if (last != null && now - last < PROGRESS_INTERVAL.toNanos()) {
            return;
        }
        lastProgressWrite.put(job.id(), now);
        if (jobs.progress(UUID.fromString(job.id()), job.attempt(), rowsRead) == 0) {
            throw new JobAbandonedException(job.id(), job.attempt());
        }
    }

    @Override
    public void succeed(ClaimedJob job, JobOutcome outcome) {
        lastProgressWrite.remove(job.id());
        UUID id = UUID.fromString(job.id());
        Job row = jobs.findById(id).orElseThrow();
        if (row.dropped()) {
            // Written before the row says SUCCEEDED, so a partner that sees the job done finds both files.
            outbox.writeSummary(row, outcome.summaryJson());
        }
        var report = outcome.report();
        int updated = jobs.succeed(id, job.attempt(), outcome.resultKey(), outcome.resultBytes(),
                outcome.resultSha256(), outcome.inputBytes(), outcome.inputSha256(), report.rows(), report.rowsSkipped(), report.symbols(),
                outcome.summaryJson());
        if (updated == 0) {
            if (row.dropped()) {
                outputsOfLostDrop(row);
                return;
            }
            // Cancelled or retaken while this attempt ran: what it wrote must not outlive it.
            store.deletePrefix(job.resultPrefix(), "abandoned");
            LOG.info("job {} attempt {} finished after losing the job; its result was deleted", job.id(), job.attempt());
            return;
        }
        if (row.dropped()) {
            outbox.takeOwnership(row);
        }
        metrics.succeeded(outcome.inputBytes(), outcome.resultBytes(), report.rows());
        LOG.info("job {} succeeded: {} rows, {} input bytes, {} result bytes", job.id(), report.rows(),
                outcome.inputBytes(), outcome.resultBytes());
    }

    @Override
    public void fail(ClaimedJob job, BadInputException error) {
        lastProgressWrite.remove(job.id());
        UUID id = UUID.fromString(job.id());
        Job row = jobs.findById(id).orElseThrow();
        if (row.dropped()) {
            // Written first: once the row says FAILED no delivery of this job runs again to write it.
            outbox.writeError(row, error.code(), error.getMessage(), null, error);
        }
        int updated = jobs.fail(id, job.attempt(), error.code(), error.getMessage());
        if (updated == 1) {
            metrics.reached(JobMetrics.Outcome.FAILED);
        }
        if (row.dropped()) {
            if (updated == 1) {
                outbox.takeOwnership(row);
            } else {
                outputsOfLostDrop(row);
            }
        }
        LOG.info("job {} failed: {}", job.id(), error.getMessage());
    }

    @Override
    public void failUndeliverable(String jobId) {
        JobIds.parse(jobId).flatMap(jobs::findById).ifPresent(job -> {
            boolean running = job.status() == JobStatus.QUEUED || job.status() == JobStatus.PROCESSING;
            if (job.dropped() && running) {
                outbox.writeError(job, "undeliverable", UNDELIVERABLE_REASON
                        + (job.lastError() != null ? job.lastError() : "no failure was recorded"), null, null);
            }
            if (jobs.failUndeliverable(job.id(), "undeliverable", UNDELIVERABLE_REASON) == 1) {
                metrics.reached(JobMetrics.Outcome.UNDELIVERABLE);
                LOG.warn("job {} failed: its message went to the dead-letter queue", jobId);
                if (job.dropped()) {
                    outbox.takeOwnership(job);
                }
            }
        });
    }

    /**
     * An attempt that lost its job wrote into the outbox anyway. A later attempt writes the same keys and keeps them;
     * a job that was cancelled meanwhile must have them deleted.
     */
    private void outputsOfLostDrop(Job job) {
        Job current = jobs.findById(job.id()).orElseThrow();
        if (current.status().finished()) {
            jobs.markOutboxWritten(job.id());
            jobs.markFilesPending(job.id());
        }
        LOG.info("job {} finished an attempt after losing the job ({}); its outbox files are left to {}", job.id(),
                current.status(), current.status().finished() ? "the cleanup" : "the attempt that has it");
    }

    @Override
    public void transientFailure(String jobId, Exception cause) {
        try {
            Optional<UUID> id = jobId == null ? Optional.empty() : JobIds.parse(jobId);
            if (id.isPresent()) {
                String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                jobs.recordTransientFailure(id.get(), text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record the failure of job {}: {}", jobId, e.getMessage());
        }
    }
}
