package io.signalbox.routes.storage;

/**
 * The size of each part of a multipart upload whose length is not known in advance: the first parts have the
 * configured size, and the size doubles every {@code partsBeforeDoubling} parts, up to S3's largest part. An object
 * may have at most {@value #MAX_PARTS} parts, so a fixed 8 MiB part would stop an object at 78 GiB; this schedule
 * reaches S3's largest object ({@value #MAX_OBJECT_SIZE} bytes, 5 TiB) within those parts, while objects of a few
 * gigabytes keep small parts.
 *
 * @param firstPartSize bytes of each of the first parts, at least {@value #MIN_PART_SIZE}
 * @param partsBeforeDoubling how many parts have one size before it doubles
 */
public record PartSchedule(long firstPartSize, int partsBeforeDoubling) {

    /** S3's smallest part, except the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest part. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** S3's most parts in one upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's largest object. */
    public static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;

    /**
     * @throws IllegalArgumentException when a part would be smaller than S3 allows, or when the schedule could not
     *     hold S3's largest object within {@value #MAX_PARTS} parts
     */
    public PartSchedule {
        if (firstPartSize < MIN_PART_SIZE || firstPartSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("firstPartSize " + firstPartSize + " is out of range; expected "
                    + MIN_PART_SIZE + " to " + MAX_PART_SIZE + " bytes (S3's smallest and largest part)");
        }
        if (partsBeforeDoubling < 1) {
            throw new IllegalArgumentException("partsBeforeDoubling " + partsBeforeDoubling + " is invalid; expected 1 or more");
        }
        long capacity = capacity(firstPartSize, partsBeforeDoubling, MAX_PARTS);
        if (capacity < MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException("parts of " + firstPartSize + " bytes doubling every " + partsBeforeDoubling
                    + " parts hold only " + capacity + " bytes in " + MAX_PARTS + " parts, less than S3's largest object ("
                    + MAX_OBJECT_SIZE + " bytes); give a larger first part or double more often");
        }
    }

    /**
     * @param partNumber the part's number, from 1
     * @return its size in bytes (the last part of an object may be shorter)
     * @throws IllegalArgumentException when the number is outside 1 to {@value #MAX_PARTS}
     */
    public long partSize(int partNumber) {
        if (partNumber < 1 || partNumber > MAX_PARTS) {
            throw new IllegalArgumentException("part number " + partNumber + " is out of range; expected 1 to " + MAX_PARTS);
        }
        return partSize(firstPartSize, partsBeforeDoubling, partNumber);
    }

    /**
     * @param parts how many parts, from the first
     * @return how many bytes those parts hold together
     */
    public long capacity(int parts) {
        return capacity(firstPartSize, partsBeforeDoubling, Math.min(parts, MAX_PARTS));
    }

    /**
     * @param length an object's length, known in advance
     * @return whether parts all of the first size hold it within {@value #MAX_PARTS} parts
     */
    public boolean fitsFirstPartSize(long length) {
        return length <= firstPartSize * MAX_PARTS;
    }

    private static long partSize(long first, int partsBeforeDoubling, int partNumber) {
        // The smallest first part doubled ten times is the largest part already; a longer shift could overflow.
        int doublings = Math.min((partNumber - 1) / partsBeforeDoubling, 11);
        return Math.min(MAX_PART_SIZE, first << doublings);
    }

    private static long capacity(long first, int partsBeforeDoubling, int parts) {
        long total = 0;
        for (int part = 1; part <= parts; part++) {
            total += partSize(first, partsBeforeDoubling, part);
        }
        return total;
    }
}
