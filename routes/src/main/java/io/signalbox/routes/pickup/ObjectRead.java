package io.signalbox.routes.pickup;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code GetObject} call as CloudTrail records it: who read what is not kept, only which object, which part of it
 * and how much of that reached the client.
 *
 * @param bucket the bucket
 * @param key the object's key, as the client gave it
 * @param range the request's {@code Range} header, such as {@code bytes=0-1023}, or {@code null} for the whole object
 * @param bytesTransferredOut how many bytes S3 sent, or {@code null} when the event does not say
 * @param time when the call was made, or {@code null} when the event does not say
 */
public record ObjectRead(String bucket, String key, String range, Long bytesTransferredOut, Instant time) {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * Whether this read took a client to the end of the object with nothing missing: a whole-object GET that sent
     * every byte, or the last part of a download made in ranges (the AWS CLI fetches objects over 8 MB that way, its
     * other parts running alongside). Reads of an inner part, several ranges, or a read cut short do not count.
     *
     * @param objectSize the object's size in bytes
     * @return whether the read completes a download of the object
     */
    public boolean completesDownloadOf(long objectSize) {
        long expected;
        if (range == null || range.isBlank()) {
            expected = objectSize;
        } else {
            Matcher parts = SINGLE_RANGE.matcher(range.trim());
            if (!parts.matches() || parts.group(1).isEmpty() && parts.group(2).isEmpty()) {
                return false;
            }
            if (parts.group(1).isEmpty()) {
                expected = Math.min(parse(parts.group(2)), objectSize);
            } else {
                long first = parse(parts.group(1));
                long last = parts.group(2).isEmpty() ? objectSize - 1 : parse(parts.group(2));
                if (first > 0 && first >= objectSize || last < objectSize - 1) {
                    return false;
                }
                expected = objectSize - first;
            }
        }
        return bytesTransferredOut == null || bytesTransferredOut >= expected;
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
