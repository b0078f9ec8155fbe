package io.signalbox.routes.process;

import io.signalbox.processors.BadInputException;

/** The job store as the {@code process} routes see it. Every method is one conditional state transition. */
public interface JobExecution {

    /**
     * Claims a job for this delivery: {@code QUEUED -> PROCESSING}, or a redelivery of the same message retaking a
     * job whose earlier attempt died.
     *
     * @param jobId the job named by the message
     * @param messageId the SQS message id of this delivery
     * @return the claimed job, or {@code null} when there is nothing to do and the message can be deleted: the job
     *     is finished, cancelled or unknown, or another delivery is running it (that delivery keeps its own message
     *     until the job ends, so this duplicate is not needed)
     */
    ClaimedJob claim(String jobId, String messageId);

    /**
     * Records progress of a running job. Called every so often from the engine's thread; must be cheap.
     *
     * @param job the running job
     * @param rowsRead rows read so far
     * @throws JobAbandonedException when the job is no longer this attempt's to run (cancelled, or retaken by a
     *     later attempt); the run must stop
     */
    void progress(ClaimedJob job, long rowsRead);

    /**
     * {@code PROCESSING -> SUCCEEDED}, storing what the run produced.
     *
     * @param job the claimed job
     * @param outcome what the run produced
     */
    void succeed(ClaimedJob job, JobOutcome outcome);

    /**
     * {@code PROCESSING -> FAILED} for input that can never succeed. Never retried.
     *
     * @param job the claimed job
     * @param error the problem, naming file, line and column or JSON path
     */
    void fail(ClaimedJob job, BadInputException error);

    /**
     * Fails a job whose message went to the dead-letter queue, naming the last transient failure as the cause.
     *
     * @param jobId the job named by the dead message
     */
    void failUndeliverable(String jobId);
}
