package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/** The job store as the {@code ingest} routes see it. */
public interface UploadIntake {

    /**
     * Decides what a stored or removed object means: an upload completing a job, a partner's drop, an
     * acknowledgement, or nothing. Idempotent: the same event seen twice has the effect of one.
     *
     * @param event one record of an S3 event notification
     * @return the id of a job to put on the jobs queue, or {@code null} when there is none
     */
    String accept(ObjectEvent event);
}
