package io.signalbox.processors.engine;

import io.signalbox.processors.recipe.Recipe;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Runs a recipe over a prices file in one streaming pass, writing the result CSV and the summary JSON.
 *
 * <p>Memory does not grow with the file: the input is read through one reusable buffer, each symbol keeps state
 * bounded by the recipe's longest window, and output goes straight to the given streams. What the engine accepts
 * and how it reads ambiguous input is in {@code docs/csv-interpretation.md}; the summary's formulas are in
 * {@code docs/summary.md}.
 *
 * <p>An engine is immutable and thread-safe: each call of {@link #run} has its own state and threads. A run spreads
 * its work over {@link Builder#threads(int) threads}: parsing, computing (per symbol, in file order) and formatting
 * on separate threads, formatting split over workers whose output is written in input order, so the result is the
 * same bytes for any number of threads. Memory stays at a fixed number of row batches.
 */
public final class SignalEngine {

    private final EngineLimits limits;
    private final int threads;

    private SignalEngine(EngineLimits limits, int threads) {
        this.limits = limits;
        this.threads = threads;
    }

    /**
     * @return a builder with the default limits
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one job.
     *
     * @param input the files to read
     * @param recipe what to compute
     * @param resultCsv where the result goes (CSV or Parquet, as the recipe's output says), flushed, not closed;
     *     {@code null} to compute the summary only. It may be written from a thread of the run, one write at a time,
     *     and must not be used elsewhere until this method returns
     * @param summaryJson where the summary JSON goes, flushed, not closed; {@code null} for no summary
     * @param progress told how far the run has come, every 65,536 rows and at the end; an exception it throws
     *     stops the run and comes out of this method (the way to cancel a job)
     * @return what the run counted
     * @throws io.signalbox.processors.BadInputException when the input cannot be processed as the recipe asks: a
     *     {@link io.signalbox.processors.csv.CsvFormatException} naming the file, line and column, or a
     *     {@link io.signalbox.processors.LimitExceededException} naming the limit
     * @throws UncheckedIOException when reading or writing fails
     */
    public EngineReport run(EngineInput input, Recipe recipe, OutputStream resultCsv, OutputStream summaryJson,
            ProgressListener progress) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(progress, "progress");
        return new EngineRun(input, recipe, limits, threads, progress).run(resultCsv, summaryJson);
    }

    /** Settings of an engine; every limit has a safe default, and each setter checks its argument. */
    public static final class Builder {

        /** The most threads a run may use. */
        public static final int MAX_THREADS = 64;

        private int maxLineBytes = 1 << 20;
        private int maxColumns = 512;
        private long maxRows = 10_000_000_000L;
        private int maxSymbols = 20_000;
        private int maxGzipRatio = 200;
        private int maxTradesListed = 10_000;
        private int maxSkippedRowsListed = 100;
        private long maxBadRows = Long.MAX_VALUE;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * @param threads how many threads a run keeps busy, 1 to 64; default the available processors. With 1 the
         *     calling thread does everything; with more, reading and parsing get a thread of their own, the
         *     calling thread computes, and this many workers format the result while one more thread writes it.
         *     The result is the same bytes for any number
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder threads(int threads) {
            this.threads = check("threads", threads, 1, MAX_THREADS);
            return this;
        }

        /**
         * @param bytes the longest line accepted, 64 to 64 MiB; default 1 MiB
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxLineBytes(int bytes) {
            this.maxLineBytes = check("maxLineBytes", bytes, 64, 64 << 20);
            return this;
        }

        /**
         * @param columns the most columns a file may have, 2 to 100,000; default 512
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxColumns(int columns) {
            this.maxColumns = check("maxColumns", columns, 2, 100_000);
            return this;
        }

        /**
         * @param rows the most data rows a prices file may have, at least 1; default 10 billion
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxRows(long rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("maxRows must be at least 1, not " + rows);
            }
            this.maxRows = rows;
            return this;
        }

        /**
         * @param symbols the most distinct symbols a file may have, 1 to 1,000,000; default 20,000 (each costs
         *     state of the order of the recipe's windows)
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxSymbols(int symbols) {
            this.maxSymbols = check("maxSymbols", symbols, 1, 1_000_000);
            return this;
        }

        /**
         * @param ratio how many times its compressed size a gzip input may expand to, 2 to 100,000; default 200
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxGzipRatio(int ratio) {
            this.maxGzipRatio = check("maxGzipRatio", ratio, 2, 100_000);
            return this;
        }

        /**
         * @param trades the most trades the summary lists when the recipe asks for them, 0 to 1,000,000; default
         *     10,000 (the rest are counted)
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxTradesListed(int trades) {
            this.maxTradesListed = check("maxTradesListed", trades, 0, 1_000_000);
            return this;
        }

        /**
         * @param rows the most skipped rows the summary describes, 0 to 100,000; default 100
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxSkippedRowsListed(int rows) {
            this.maxSkippedRowsListed = check("maxSkippedRowsListed", rows, 0, 100_000);
            return this;
        }

        /**
         * @param rows the most bad rows any recipe may have skipped, at least 0; a recipe's {@code max_bad_rows} above
         *     it is held to it; default no cap (the recipe decides, and by default skips none)
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxBadRows(long rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("maxBadRows must not be negative, not " + rows);
            }
            this.maxBadRows = rows;
            return this;
        }

        /**
         * @return the engine
         */
        public SignalEngine build() {
            return new SignalEngine(new EngineLimits(maxLineBytes, maxColumns, maxRows, maxSymbols, maxGzipRatio,
                    maxTradesListed, maxSkippedRowsListed, maxBadRows), threads);
        }

        private static int check(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
            }
            return value;
        }
    }
}
