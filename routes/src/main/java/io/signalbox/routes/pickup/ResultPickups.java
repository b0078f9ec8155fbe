package io.signalbox.routes.pickup;

/** The job store as the pickup route sees it: partners reading their results from the outbox. */
public interface ResultPickups {

    /**
     * Records that a partner read an object of its outbox. A read that completes the download of a result (or of an
     * error file) starts the grace window after which the cleanup deletes the job's files; anything else is ignored.
     * Idempotent.
     *
     * @param read the GetObject call
     */
    void read(ObjectRead read);
}
