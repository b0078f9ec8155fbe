package io.signalbox.routes.pickup;

import java.time.Instant;

/**
 * A {@code GetObject} call as CloudTrail records it: who read what is not kept, only which object, which part of it
 * when the event says, and how much of that reached the client.
 *
 * @param eventId the event's id, the same on every delivery of the event, so that a delivery seen twice counts once
 * @param bucket the bucket
 * @param key the object's key, as the client gave it
 * @param range the request's {@code Range} header, such as {@code bytes=0-8388607}, or {@code null} when the event
 *     names none: a whole-object read, or a ranged one whose range the event does not record
 * @param bytesTransferredOut how many bytes S3 sent, or {@code null} when the event does not say
 * @param time when the call was made, or {@code null} when the event does not say
 */
public record ObjectRead(String eventId, String bucket, String key, String range, Long bytesTransferredOut,
        Instant time) {

    /**
     * @return whether the event names the part of the object that was asked for
     */
    public boolean hasRange() {
        return range != null && !range.isBlank();
    }
}
