package io.signalbox.processors.engine;

/** Where computed batches go, in input order: a result file in some format. */
interface ResultOutput {

    /**
     * Takes a computed batch, called in input order from the computing thread; the batch goes back to the pool once
     * written.
     */
    void accept(RowBatch batch);

    /** Writes out everything still pending and flushes the stream; rethrows what failed while writing. */
    void finish();

    /** Stops any thread of its own without writing more; safe to call after {@link #finish()} and more than once. */
    void abort();

    /** Data rows written. */
    long rows();
}
