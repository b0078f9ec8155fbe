package io.signalbox.processors.engine;

/**
 * Parquet's RLE/bit-packing hybrid encoding of small non-negative integers (definition levels, dictionary indexes):
 * runs of eight or more equal values as one repeated value, everything else bit-packed in groups of eight.
 */
final class HybridEncoding {

    private static final int MIN_RUN = 8;
    /** Bit-packed groups under one header, so that the header stays one byte. */
    private static final int MAX_GROUPS = 63;

    private HybridEncoding() {
    }

    /** The bits needed for values up to {@code max}, at least 1. */
    static int bitWidth(int max) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
    }

    /** Bytes that encoding {@code n} values of {@code bitWidth} bits may take at most. */
    static int maxBytes(int n, int bitWidth) {
        return 16 + 2 * n + (n * bitWidth + 7) / 8;
    }

    /**
     * Encodes {@code values[0..n)} into {@code out} from {@code p}, which must have {@link #maxBytes} bytes free.
     *
     * @return the position after the encoded bytes
     */
    static int encode(int[] values, int n, int bitWidth, byte[] out, int p) {
        int i = 0;
        while (i < n) {
            int run = runLength(values, i, n);
            if (run >= MIN_RUN) {
                p = varint(run << 1, out, p);
                int v = values[i];
                for (int b = 0; b < bitWidth; b += 8) {
                    out[p++] = (byte) (v >>> b);
                }
                i += run;
                continue;
            }
            int start = i;
            int groups = 0;
            do {
                i += MIN_RUN;
                groups++;
            } while (i < n && groups < MAX_GROUPS && runLength(values, i, n) < MIN_RUN);
            p = varint(groups << 1 | 1, out, p);
            p = pack(values, start, Math.min(i, n), start + groups * MIN_RUN, bitWidth, out, p);
            i = Math.min(i, n);
        }
        return p;
    }

    private static int runLength(int[] values, int from, int n) {
        int v = values[from];
        int i = from + 1;
        while (i < n && values[i] == v) {
            i++;
        }
        return i - from;
    }

    /** Packs values[from..to), then zeros up to {@code end}, least significant bit first. */
    private static int pack(int[] values, int from, int to, int end, int bitWidth, byte[] out, int p) {
        long bits = 0;
        int count = 0;
        for (int i = from; i < end; i++) {
            long v = i < to ? values[i] & 0xffffffffL : 0;
            bits |= v << count;
            count += bitWidth;
            while (count >= 8) {
                out[p++] = (byte) bits;
                bits >>>= 8;
                count -= 8;
            }
        }
        return p;
    }

    private static int varint(int v, byte[] out, int p) {
        while ((v & ~0x7f) != 0) {
            out[p++] = (byte) (v & 0x7f | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }
}
