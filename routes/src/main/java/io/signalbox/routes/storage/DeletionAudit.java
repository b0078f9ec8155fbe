package io.signalbox.routes.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of deletions: one line per deleted object on the logger {@value #LOGGER}, whose key-value pairs
 * say what was deleted and why ({@code event=object-deleted}, {@code bucket}, {@code key}, {@code reason}), and one
 * per aborted multipart upload ({@code event=upload-aborted}, with its {@code uploadId}); the job, tenant and route
 * come with the line's MDC. Keys and reasons only: never an object's content.
 */
public final class DeletionAudit {

    /** The logger audit lines are written to, so that a log store can keep or route them apart. */
    public static final String LOGGER = "signalbox.audit";

    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    /**
     * @param bucket the bucket
     * @param key the deleted object's key
     * @param reason why: {@code downloaded}, {@code expired}, {@code cancelled}, {@code failed}, {@code deleted},
     *     {@code abandoned}, a partner pickup, ...
     */
    public void deleted(String bucket, String key, String reason) {
        String why = reason == null || reason.isBlank() ? "unspecified" : reason;
        AUDIT.atInfo()
                .addKeyValue("event", "object-deleted")
                .addKeyValue("bucket", bucket)
                .addKeyValue("key", key)
                .addKeyValue("reason", why)
                .log("deleted from {}: {} ({})", bucket, AuditText.quoted(key), why);
    }

    /**
     * @param bucket the bucket
     * @param upload the aborted multipart upload, whose parts are deleted with it
     * @param reason why: the job's files were deleted ({@code downloaded}, ...), or {@code abandoned-upload}
     */
    public void aborted(String bucket, PendingUpload upload, String reason) {
        String why = reason == null || reason.isBlank() ? "unspecified" : reason;
        AUDIT.atInfo()
                .addKeyValue("event", "upload-aborted")
                .addKeyValue("bucket", bucket)
                .addKeyValue("key", upload.key())
                .addKeyValue("uploadId", upload.uploadId())
                .addKeyValue("reason", why)
                .log("aborted the unfinished upload of {}: {} started at {} ({})", bucket, AuditText.quoted(upload.key()),
                        upload.initiated(), why);
    }
}
