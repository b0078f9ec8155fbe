package io.signalbox.routes.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of deletions: one line per deleted object or aborted upload on the logger {@value #LOGGER}, whose
 * key-value pairs say what was deleted and why ({@code event=object-deleted} or {@code upload-aborted},
 * {@code bucket}, {@code key}, {@code reason}); the job, tenant and route come with the line's MDC. Keys and reasons only: never an object's content.
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
        line("object-deleted", "deleted from {}: {} ({})", bucket, key, reason);
    }

    /**
     * One line for a multipart upload aborted before it was completed: storage drops the parts it had
     * ({@code event=upload-aborted}).
     *
     * @param bucket the bucket
     * @param key the key the upload was for
     * @param reason why: {@code cancelled}, {@code expired}, ...
     */
    public void uploadAborted(String bucket, String key, String reason) {
        line("upload-aborted", "aborted the upload to {}: {} ({})", bucket, key, reason);
    }

    private static void line(String event, String message, String bucket, String key, String reason) {
        String why = reason == null || reason.isBlank() ? "unspecified" : reason;
        AUDIT.atInfo()
                .addKeyValue("event", event)
                .addKeyValue("bucket", bucket)
                .addKeyValue("key", key)
                .addKeyValue("reason", why)
                .log(message, bucket, AuditText.quoted(key), why);
    }
}
