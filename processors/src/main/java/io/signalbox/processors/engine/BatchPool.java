package io.signalbox.processors.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The batches of one run, handed between its stages through blocking queues, and the first failure of any stage.
 * A stage that fails records its failure and wakes the computing thread, which then throws it.
 */
final class BatchPool {

    /** Put in the queue of computed-on batches to wake the computing thread after a failure elsewhere. */
    static final RowBatch WAKE = new RowBatch(0);

    private final BlockingQueue<RowBatch> free;
    final BlockingQueue<RowBatch> parsed;
    private volatile Throwable failure;

    BatchPool(int batches, int cellsPerRow) {
        free = new ArrayBlockingQueue<>(batches);
        parsed = new ArrayBlockingQueue<>(batches + 1);
        for (int i = 0; i < batches; i++) {
            free.add(new RowBatch(cellsPerRow));
        }
    }

    RowBatch take() throws InterruptedException {
        return free.take();
    }

    void give(RowBatch batch) {
        free.add(batch);
    }

    void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        parsed.offer(WAKE);
    }

    /** Throws the first failure of a stage, if any. */
    void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }
}
