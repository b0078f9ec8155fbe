package io.signalbox.routes.cleanup;

/** The job store as the pickup route sees it: partners reading their results from the outbox. */
public interface ResultPickups {

    /**
     * Records that a partner read an object of its outbox. Once the reads of a result since its last pickup delivered
     * all of it together (see {@link DownloadCoverage}), or an error file was read, the grace window starts after
     * which the cleanup deletes the job's files; reads of other objects are ignored. Idempotent: a read seen again
     * (the same event id) counts once.
     *
     * @param read the GetObject call
     */
    void read(ObjectRead read);
}
