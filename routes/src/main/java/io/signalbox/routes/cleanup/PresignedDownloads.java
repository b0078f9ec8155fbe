package io.signalbox.routes.cleanup;

/** The job store as the pickup route sees it: clients reading results through the presigned URLs the API gave. */
public interface PresignedDownloads {

    /**
     * Records a read of an object under {@code results/}. Only reads through a presigned URL count
     * ({@link ObjectRead#presignedUrl()}): the service's own reads of results, such as those that stream a download,
     * carry the same identity but are signed in their header, and streamed downloads record what they delivered
     * themselves. Once the reads of a result since its last complete delivery delivered all of it together (see
     * {@link DownloadCoverage}), the job is DOWNLOADED and its grace window starts. Reads of objects that are no
     * job's current result are ignored. Idempotent: a read seen again (the same event id) counts once.
     *
     * @param read the GetObject call
     */
    void read(ObjectRead read);
}
