package io.signalbox.routes.storage;

import java.time.Instant;

/**
 * A multipart upload that was started and neither completed nor aborted: its parts are stored (and paid for) but no
 * object exists yet.
 *
 * @param key the key the object would get
 * @param uploadId S3's id of the upload
 * @param initiated when it was started
 */
public record PendingUpload(String key, String uploadId, Instant initiated) {
}
