package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/** Uploads as the {@code ingest-receive} route sees them. */
public interface UploadIntake {

    /**
     * An upload arrived: decides whether the object completes a job's upload (its input; a signals file comes
     * before its input and queues nothing). Idempotent: the same event seen twice has the effect of one.
     *
     * @param event an {@code ObjectCreated} event under {@code uploads/}
     * @return the id of a job to put on the jobs queue, or {@code null} when there is none
     */
    String accept(ObjectEvent event);
}
