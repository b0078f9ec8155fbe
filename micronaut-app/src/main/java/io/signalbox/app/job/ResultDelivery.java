package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.signalbox.processors.BadInputException;
import io.signalbox.routes.cleanup.JobFiles;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the results of the jobs of one {@link JobSource} go, and what else their owners are told there. The job core
 * calls this port at each step of a job's end and never asks where a job came from; {@link ResultDeliveries} picks
 * the delivery of a job.
 */
public interface ResultDelivery {

    /**
     * @return the jobs this delivery serves
     */
    JobSource source();

    /**
     * @param job a job that was just claimed
     * @return the prefix its attempt writes the result under; the result's file name follows it
     */
    String resultPrefix(Job job);

    /**
     * Runs before the job is recorded SUCCEEDED, so that an owner who sees it done finds everything.
     *
     * @param job the job
     * @param summaryJson its summary document
     */
    default void beforeSuccess(Job job, String summaryJson) {
    }

    /**
     * Runs before the job is recorded FAILED: once it is, no delivery of its message runs again to say why.
     *
     * @param job the job
     * @param code the failure's code
     * @param message the failure's reason
     * @param cause the bad input that failed the job, or {@code null} when something else did
     */
    default void beforeFailure(Job job, String code, String message, @Nullable BadInputException cause) {
    }

    /**
     * Runs once the job's end (SUCCEEDED or FAILED) was recorded by this attempt.
     *
     * @param job the job
     */
    default void ended(Job job) {
    }

    /**
     * Runs when an attempt finished after losing its job (cancelled, or retaken by another delivery).
     *
     * @param job the job
     * @param resultPrefix where the attempt wrote
     * @param wroteResult whether it wrote a result (it succeeded) or only what a failure leaves
     */
    void attemptLost(Job job, String resultPrefix, boolean wroteResult);

    /** Runs at the start of each cleanup run, before the jobs whose files are due are looked for. */
    default void beforeCleanup() {
    }

    /**
     * @param job a job whose own files are due for deletion
     * @return further keys that go with them
     */
    default List<String> keysGoingWith(Job job) {
        return List.of();
    }

    /**
     * @param job a job whose files are due for deletion and who has no {@code deletedBecause} yet
     * @return why they go, for the audit log
     */
    default String deletionReason(Job job) {
        return job.status().name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the {@code deletedBecause} of the receipt of a job whose result was delivered whole
     */
    String deliveredBecause();

    /**
     * @param retention how long an undelivered result waits
     * @param limit the most to answer
     * @return files of ended jobs that outlive the jobs' own files and are due now
     */
    default List<JobFiles> filesOutlivingJobs(Duration retention, int limit) {
        return List.of();
    }

    /**
     * Runs once the keys a job's files came with are deleted.
     *
     * @param job the job
     */
    default void keysDeleted(Job job) {
    }

    /**
     * @param job a job whose own files are gone
     * @return whether files of the job are still there, which its deletion receipt waits for
     */
    default boolean filesRemain(Job job) {
        return false;
    }

    /**
     * @return whether any job has files that outlive the job's own
     */
    default boolean anyFilesOutlivingJobs() {
        return false;
    }

    /**
     * @param job a job
     * @return what the job's view shows of where its file came from and what its owner did with the result
     */
    default DeliveryFacts facts(Job job) {
        return DeliveryFacts.NONE;
    }
}
