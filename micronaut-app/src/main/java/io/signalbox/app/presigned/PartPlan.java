package io.signalbox.app.presigned;

/**
 * How a file of a declared size is cut into the parts of a multipart upload: every part but the last has
 * {@link #partSize()} bytes. S3 allows at most {@value #MAX_PARTS} parts, and parts of at least 5 MiB but the last;
 * parts are never smaller than {@value #MIN_PART_SIZE} bytes (8 MiB), and larger only where a file would otherwise
 * need more parts than S3 allows.
 *
 * @param size the file's size in bytes
 * @param partSize bytes of every part but the last
 * @param partCount how many parts there are
 */
public record PartPlan(long size, long partSize, int partCount) {

    /** The most parts S3 takes in one multipart upload. */
    public static final int MAX_PARTS = 10_000;
    /** The smallest part size used, 8 MiB. */
    public static final long MIN_PART_SIZE = 8L * 1024 * 1024;
    /** The largest part S3 takes, 5 GiB. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private static final long MIB = 1024 * 1024;

    /**
     * @param size the file's size in bytes, at least 1 and at most {@value #MAX_PARTS} parts of the largest size
     * @return the plan: the smallest whole number of MiB, at least 8 MiB, that fits the file in at most
     *     {@value #MAX_PARTS} parts
     * @throws IllegalArgumentException when no plan fits the size
     */
    public static PartPlan of(long size) {
        if (size < 1 || size > MAX_PARTS * MAX_PART_SIZE) {
            throw new IllegalArgumentException("a multipart upload takes 1 to " + MAX_PARTS * MAX_PART_SIZE
                    + " bytes, not " + size);
        }
        long atLeast = Math.max(MIN_PART_SIZE, ceilDiv(size, MAX_PARTS));
        long partSize = ceilDiv(atLeast, MIB) * MIB;
        return new PartPlan(size, partSize, (int) ceilDiv(size, partSize));
    }

    /**
     * @param partNumber a part's number, 1 to {@link #partCount()}
     * @return how many bytes the part has
     */
    public long sizeOf(int partNumber) {
        if (partNumber < 1 || partNumber > partCount) {
            throw new IllegalArgumentException("part " + partNumber + " is not one of 1 to " + partCount);
        }
        return partNumber < partCount ? partSize : size - (long) (partCount - 1) * partSize;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
