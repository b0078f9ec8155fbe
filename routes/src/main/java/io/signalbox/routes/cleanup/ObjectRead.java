package io.signalbox.routes.cleanup;

import java.time.Instant;

/**
 * A {@code GetObject} call as CloudTrail records it: who read what is not kept, only which object, which part of it
 * when the event says, how much of that reached the client, and whether it came through a presigned URL.
 *
 * @param eventId the event's id, the same on every delivery of the event, so that a delivery seen twice counts once
 * @param bucket the bucket
 * @param key the object's key, as the client gave it
 * @param range the request's {@code Range} header, such as {@code bytes=0-8388607}, or {@code null} when the event
 *     names none: a whole-object read, or a ranged one whose range the event does not record
 * @param bytesTransferredOut how many bytes S3 sent, or {@code null} when the event does not say
 * @param time when the call was made, or {@code null} when the event does not say
 * @param presignedUrl whether the request was signed in its query string, as a presigned URL is
 *     ({@code additionalEventData.AuthenticationMethod} {@code QueryString}), rather than in its
 *     {@code Authorization} header, as the service signs its own calls; the event names the URL's signer as the
 *     reader either way
 */
public record ObjectRead(String eventId, String bucket, String key, String range, Long bytesTransferredOut,
        Instant time, boolean presignedUrl) {

    /**
     * A read signed in its {@code Authorization} header, or one whose event does not say how it was signed.
     *
     * @param eventId the event's id
     * @param bucket the bucket
     * @param key the object's key
     * @param range the request's {@code Range} header, or {@code null}
     * @param bytesTransferredOut how many bytes S3 sent, or {@code null}
     * @param time when the call was made, or {@code null}
     */
    public ObjectRead(String eventId, String bucket, String key, String range, Long bytesTransferredOut,
            Instant time) {
        this(eventId, bucket, key, range, bytesTransferredOut, time, false);
    }

    /**
     * @return whether the event names the part of the object that was asked for
     */
    public boolean hasRange() {
        return range != null && !range.isBlank();
    }
}
