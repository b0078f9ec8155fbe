package io.signalbox.app.job;

/** Where a job is in its life; docs/architecture.md shows the transitions. */
public enum JobStatus {
    AWAITING_UPLOAD,
    QUEUED,
    PROCESSING,
    SUCCEEDED,
    DOWNLOADED,
    FAILED,
    EXPIRED,
    CANCELLED;

    /**
     * @return whether nothing more will happen to the job but the deletion of its files
     */
    public boolean finished() {
        return this == DOWNLOADED || this == FAILED || this == EXPIRED || this == CANCELLED;
    }
}
