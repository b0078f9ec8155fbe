package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/** Partners deleting files from their outbox, as the {@code ingest-receive} route sees them. */
public interface OutboxDeletions {

    /**
     * A file was deleted from an outbox: a partner that deletes its result has picked it up, and the job's files go
     * now; deletes of anything else, or by the service itself, mean nothing. Idempotent.
     *
     * @param event an {@code ObjectRemoved} event under {@code outbox/}
     */
    void deleted(ObjectEvent event);
}
