package io.signalbox.routes.ingest;

import io.signalbox.routes.storage.ETags;

/**
 * A copy of an inbox object to make under a job's own key, only while the object is still the version seen.
 *
 * @param sourceKey the inbox object
 * @param eTag the ETag of the version seen
 * @param bytes its size
 * @param destinationKey the job's key for it
 */
public record Copy(String sourceKey, String eTag, long bytes, String destinationKey) {

    /** @return the ETag as a condition wants it: in quotes, which S3 event notifications leave out */
    public String ifMatch() {
        return ETags.quoted(eTag);
    }
}
