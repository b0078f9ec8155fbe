package io.signalbox.app.job;

import io.signalbox.app.logging.LogContext;
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
    private final ResultDeliveries deliveries;
    private final JobMetrics metrics;
    private final Map<String, Long> lastProgressWrite = new ConcurrentHashMap<>();

    JobExecutionService(JobRepository jobs, ResultDeliveries deliveries, JobMetrics metrics) {
        this.jobs = jobs;
        this.deliveries = deliveries;
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
        String resultPrefix = deliveries.of(job).resultPrefix(job);
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
        ResultDelivery delivery = deliveries.of(row);
        delivery.beforeSuccess(row, outcome.summaryJson());
        var report = outcome.report();
        int updated = jobs.succeed(id, job.attempt(), outcome.resultKey(), outcome.resultBytes(),
                outcome.resultSha256(), outcome.inputBytes(), outcome.inputSha256(), report.rows(), report.rowsSkipped(), report.symbols(),
                outcome.summaryJson());
        if (updated == 0) {
            delivery.attemptLost(row, job.resultPrefix(), true);
            return;
        }
        delivery.ended(row);
        metrics.succeeded(outcome.inputBytes(), outcome.resultBytes(), report.rows());
        LOG.info("job {} succeeded: {} rows, {} input bytes, {} result bytes", job.id(), report.rows(),
                outcome.inputBytes(), outcome.resultBytes());
    }

    @Override
    public void fail(ClaimedJob job, BadInputException error) {
        lastProgressWrite.remove(job.id());
        UUID id = UUID.fromString(job.id());
        Job row = jobs.findById(id).orElseThrow();
        ResultDelivery delivery = deliveries.of(row);
        delivery.beforeFailure(row, error.code(), error.getMessage(), error);
        if (jobs.fail(id, job.attempt(), error.code(), error.getMessage()) == 1) {
            metrics.reached(JobMetrics.Outcome.FAILED);
            delivery.ended(row);
        } else {
            delivery.attemptLost(row, job.resultPrefix(), false);
        }
        LOG.info("job {} failed: {}", job.id(), error.getMessage());
    }

    @Override
    public void failUndeliverable(String jobId) {
        JobIds.parse(jobId).flatMap(jobs::findById).ifPresent(job -> {
            ResultDelivery delivery = deliveries.of(job);
            if (job.status() == JobStatus.QUEUED || job.status() == JobStatus.PROCESSING) {
                delivery.beforeFailure(job, "undeliverable", UNDELIVERABLE_REASON
                        + (job.lastError() != null ? job.lastError() : "no failure was recorded"), null);
            }
            if (jobs.failUndeliverable(job.id(), "undeliverable", UNDELIVERABLE_REASON) == 1) {
                metrics.reached(JobMetrics.Outcome.UNDELIVERABLE);
                LOG.warn("job {} failed: its message went to the dead-letter queue", jobId);
                delivery.ended(job);
            }
        });
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
