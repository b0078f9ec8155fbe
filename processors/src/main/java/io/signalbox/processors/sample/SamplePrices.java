package io.signalbox.processors.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a deterministic prices file for benchmarks and tests: minute bars of several symbols,
 * {@code timestamp,symbol,open,high,low,close,volume}, prices with two decimals following a seeded random walk,
 * either interleaved (each minute has one row per symbol, the way exports sorted by time come) or grouped (all rows
 * of one symbol, then the next). The same settings always give the same bytes. About 62 bytes per row.
 *
 * <p>Built with {@link #builder()}; immutable.
 */
public final class SamplePrices {

    private final long rows;
    private final int symbols;
    private final long seed;
    private final long startMillis;
    private final long stepMillis;
    private final Layout layout;

    /** How the rows of the symbols follow each other. */
    public enum Layout {
        /** One row per symbol for each minute, time increasing: symbols alternate row by row. */
        INTERLEAVED,
        /** All rows of the first symbol, then all of the second, and so on. */
        GROUPED
    }

    private SamplePrices(Builder builder) {
        this.rows = builder.rows;
        this.symbols = builder.symbols;
        this.seed = builder.seed;
        this.startMillis = builder.startMillis;
        this.stepMillis = builder.stepMillis;
        this.layout = builder.layout;
    }

    /**
     * @return a builder: 1,000 rows, 8 symbols, seed 42, minute bars from 2020-01-01T00:00:00Z, interleaved
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the name of the {@code i}-th symbol (0-based), such as {@code SYM00001}
     * @param i the symbol's index
     */
    public static String symbolName(int i) {
        return String.format(Locale.ROOT, "SYM%05d", i + 1);
    }

    /**
     * Writes the header and every row.
     *
     * @param out where the CSV goes; not closed
     * @throws UncheckedIOException when writing fails
     */
    public void writeTo(OutputStream out) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] closeCents = new long[symbols];
        byte[][] names = new byte[symbols][];
        for (int s = 0; s < symbols; s++) {
            closeCents[s] = 5_000 + random.nextLong(20_000);
            names[s] = symbolName(s).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] buffer = new byte[1 << 16];
        int p = 0;
        byte[] header = "timestamp,symbol,open,high,low,close,volume\n".getBytes(
                StandardCharsets.US_ASCII);
        try {
            out.write(header);
            byte[] stamp = new byte[20];
            long stampMinute = Long.MIN_VALUE;
            long perSymbol = rows / symbols;
            long extra = rows % symbols;
            for (long r = 0; r < rows; r++) {
                int s;
                long minute;
                if (layout == Layout.INTERLEAVED) {
                    s = (int) (r % symbols);
                    minute = r / symbols;
                } else {
                    long big = extra * (perSymbol + 1);
                    s = (int) (r < big ? r / (perSymbol + 1) : extra + (r - big) / perSymbol);
                    minute = r < big ? r % (perSymbol + 1) : (r - big) % perSymbol;
                }
                if (minute != stampMinute) {
                    isoStamp(startMillis + minute * stepMillis, stamp);
                    stampMinute = minute;
                }
                long open = closeCents[s];
                long close = Math.max(100, open + Math.round(random.nextGaussian() * open * 0.001));
                long high = Math.max(open, close) + random.nextLong(1 + open / 1000);
                long low = Math.max(1, Math.min(open, close) - random.nextLong(1 + open / 1000));
                long volume = 100 + random.nextLong(99_900);
                closeCents[s] = close;
                if (p + 128 > buffer.length) {
                    out.write(buffer, 0, p);
                    p = 0;
                }
                System.arraycopy(stamp, 0, buffer, p, 20);
                p += 20;
                buffer[p++] = ',';
                System.arraycopy(names[s], 0, buffer, p, names[s].length);
                p += names[s].length;
                p = cents(open, buffer, p);
                p = cents(high, buffer, p);
                p = cents(low, buffer, p);
                p = cents(close, buffer, p);
                buffer[p++] = ',';
                p = digits(volume, buffer, p);
                buffer[p++] = '\n';
            }
            out.write(buffer, 0, p);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing sample prices failed", e);
        }
    }

    private static int cents(long cents, byte[] b, int p) {
        b[p++] = ',';
        p = digits(cents / 100, b, p);
        b[p++] = '.';
        long fraction = cents % 100;
        b[p++] = (byte) ('0' + fraction / 10);
        b[p++] = (byte) ('0' + fraction % 10);
        return p;
    }

    private static int digits(long value, byte[] b, int p) {
        int length = value < 10 ? 1 : (int) Math.floor(Math.log10(value)) + 1;
        long v = value;
        for (int i = p + length - 1; i >= p; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + length;
    }

    private static void isoStamp(long millis, byte[] b) {
        String text = Instant.ofEpochMilli(millis).toString();
        for (int i = 0; i < 20; i++) {
            b[i] = (byte) text.charAt(i);
        }
    }

    /** Settings of a sample file; each setter checks its argument. */
    public static final class Builder {

        private long rows = 1_000;
        private int symbols = 8;
        private long seed = 42;
        private long startMillis = 1_577_836_800_000L;
        private long stepMillis = 60_000L;
        private Layout layout = Layout.INTERLEAVED;

        private Builder() {
        }

        /**
         * @param layout how the symbols' rows follow each other; default {@link Layout#INTERLEAVED}
         * @return this builder
         * @throws NullPointerException when {@code null}
         */
        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * @param rows data rows, at least 0
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder rows(long rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must not be negative");
            }
            this.rows = rows;
            return this;
        }

        /**
         * @param symbols distinct symbols, 1 to 100,000
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder symbols(int symbols) {
            if (symbols < 1 || symbols > 100_000) {
                throw new IllegalArgumentException("symbols must be 1 to 100000");
            }
            this.symbols = symbols;
            return this;
        }

        /**
         * @param seed the random seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param startMillis time of the first bar, whole seconds since the epoch in milliseconds
         * @param stepMillis time between bars of one symbol, a positive whole number of seconds in milliseconds
         * @return this builder
         * @throws IllegalArgumentException when the step is not a positive number of whole seconds
         */
        public Builder time(long startMillis, long stepMillis) {
            if (stepMillis <= 0 || stepMillis % 1000 != 0 || startMillis % 1000 != 0) {
                throw new IllegalArgumentException("start and step must be whole seconds, step positive");
            }
            this.startMillis = startMillis;
            this.stepMillis = stepMillis;
            return this;
        }

        /**
         * @return the sample
         */
        public SamplePrices build() {
            return new SamplePrices(this);
        }
    }
}
