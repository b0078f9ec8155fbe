package io.signalbox.routes.common;

/** Told when a job's message failed for a reason that a later delivery may not meet (S3, SQS or database down). */
public interface TransientFailureListener {

    /**
     * Records the failure so that the job can name its cause if it ends in the dead-letter queue. Must not throw.
     *
     * @param jobId the job whose message failed, or {@code null} when the message named no job
     * @param cause the failure
     */
    void transientFailure(String jobId, Exception cause);
}
