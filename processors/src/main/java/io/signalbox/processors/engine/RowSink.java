package io.signalbox.processors.engine;

/** Where result rows go. */
interface RowSink extends AutoCloseable {

    /** Writes a line: the raw bytes, then one cell per value at the given slots (NaN as an empty cell), then LF. */
    void row(byte[] raw, int from, int to, double[] values, int[] slots);

    /** Writes bytes as they are. */
    void text(byte[] bytes);

    /** Writes out everything and flushes the stream. */
    void finish();

    /** Rows written. */
    long rows();

    /** Releases resources; after a failure, stops without writing more. */
    @Override
    void close();
}
