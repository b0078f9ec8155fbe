package io.signalbox.routes.common;

import java.time.Instant;

/**
 * One record of an S3 event notification: an object was created or removed.
 *
 * @param eventName S3's event name, such as {@code ObjectCreated:Put} or {@code ObjectRemoved:Delete}
 * @param bucket the bucket
 * @param key the object's key, URL-decoded
 * @param size the object's size in bytes, 0 for removals
 * @param eTag the object's ETag, or {@code null}
 * @param versionId the object's version, or {@code null} when the bucket is not versioned
 * @param sequencer S3's ordering token for events of one key, or {@code null}
 * @param time when it happened, or {@code null} when the event does not say
 */
public record ObjectEvent(String eventName, String bucket, String key, long size, String eTag, String versionId,
        String sequencer, Instant time) {

    /**
     * @return whether the event says the object was written
     */
    public boolean created() {
        return eventName != null && eventName.startsWith("ObjectCreated:");
    }

    /**
     * @return whether the event says the object was deleted
     */
    public boolean removed() {
        return eventName != null && eventName.startsWith("ObjectRemoved:");
    }
}
