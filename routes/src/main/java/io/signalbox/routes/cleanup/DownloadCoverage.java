package io.signalbox.routes.cleanup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of one object a set of {@code GetObject} calls delivered to the client, as far as their CloudTrail events
 * tell, and whether that is all of it.
 *
 * <p>A read whose event names its {@code Range} delivered the start of that range, as many bytes as it sent; ranges
 * that overlap count once. A read whose event names no range and that sent as many bytes as the object has delivered
 * all of it. One that sent fewer is either a whole-object read cut short or one part of a ranged download whose event
 * does not record the range, as CloudTrail's published {@code GetObject} events do not (see docs/partners.md). When
 * other reads of the set name their ranges, the events record ranges, so such a read is what it looks like: the start
 * of the object, cut short. When none do, its bytes are added to the others', since the event says no more: the parts
 * of a ranged download (the AWS CLI fetches objects of 8 MB or more in parts) then add up to the object's size once
 * every part has been sent, and a single read cut short never does.
 */
public final class DownloadCoverage {

    private static final Pattern SINGLE_RANGE = Pattern.compile("(?i)bytes=(\\d*)-(\\d*)");

    private final long objectSize;
    private final int reads;
    private final long delivered;
    private final boolean complete;

    private DownloadCoverage(long objectSize, int reads, long delivered, boolean complete) {
        this.objectSize = objectSize;
        this.reads = reads;
        this.delivered = delivered;
        this.complete = complete;
    }

    /**
     * @param objectSize the object's size in bytes
     * @param reads the reads of the object to count, each once
     * @return what they delivered
     * @throws IllegalArgumentException when the size is negative
     */
    public static DownloadCoverage of(long objectSize, Collection<ObjectRead> reads) {
        if (objectSize < 0) {
            throw new IllegalArgumentException("objectSize must not be negative, was " + objectSize);
        }
        if (objectSize == 0) {
            return new DownloadCoverage(0, reads.size(), 0, !reads.isEmpty());
        }
        boolean rangesRecorded = reads.stream().anyMatch(ObjectRead::hasRange);
        List<long[]> spans = new ArrayList<>();
        long unplacedBytes = 0;
        for (ObjectRead read : reads) {
            Long sent = read.bytesTransferredOut();
            if (read.hasRange()) {
                long[] span = span(read.range().trim(), objectSize, sent);
                if (span != null) {
                    spans.add(span);
                }
            } else if (sent == null || sent >= objectSize) {
                spans.add(new long[] {0, objectSize});
            } else if (rangesRecorded) {
                spans.add(new long[] {0, Math.max(0, sent)});
            } else {
                unplacedBytes = saturatedSum(unplacedBytes, Math.max(0, sent));
            }
        }
        long delivered = Math.min(objectSize, saturatedSum(union(spans), unplacedBytes));
        return new DownloadCoverage(objectSize, reads.size(), delivered, delivered == objectSize);
    }

    /**
     * @return whether the reads delivered the whole object
     */
    public boolean complete() {
        return complete;
    }

    /**
     * @return how many of the object's bytes the reads delivered, at most its size
     */
    public long deliveredBytes() {
        return delivered;
    }

    /**
     * @return how many reads were counted
     */
    public int reads() {
        return reads;
    }

    /**
     * @return the object's size in bytes
     */
    public long objectSize() {
        return objectSize;
    }

    /** The bytes {@code [from, to)} of the object one ranged read delivered, or {@code null} for none. */
    private static long[] span(String range, long objectSize, Long sent) {
        Matcher parts = SINGLE_RANGE.matcher(range);
        if (!parts.matches() || parts.group(1).isEmpty() && parts.group(2).isEmpty()) {
            return null;
        }
        long from;
        long to;
        if (parts.group(1).isEmpty()) {
            from = Math.max(0, objectSize - Math.min(parse(parts.group(2)), objectSize));
            to = objectSize;
        } else {
            from = parse(parts.group(1));
            long last = parts.group(2).isEmpty() ? objectSize - 1 : parse(parts.group(2));
            if (from >= objectSize || last < from) {
                return null;
            }
            to = Math.min(last, objectSize - 1) + 1;
        }
        if (sent != null) {
            to = Math.min(to, from + Math.max(0, sent));
        }
        return from < to ? new long[] {from, to} : null;
    }

    private static long union(List<long[]> spans) {
        spans.sort(Comparator.comparingLong(span -> span[0]));
        long total = 0;
        long coveredTo = 0;
        for (long[] span : spans) {
            long from = Math.max(span[0], coveredTo);
            if (span[1] > from) {
                total += span[1] - from;
                coveredTo = span[1];
            }
        }
        return total;
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return delivered + " of " + objectSize + " bytes delivered";
    }
}
