package io.signalbox.processors.engine;

import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Moves batches through the stages of a run: read, compute, output. With one thread every stage runs on the
 * calling thread, one batch at a time; with more, reading runs on a thread of its own ahead of the computing
 * (calling) thread, and the output formats and writes on threads of its own. The computing thread sees every batch
 * in input order and throws the first failure of any stage.
 */
final class Conveyor {

    private static final int PROGRESS_EVERY = 1 << 16;

    private final BatchPool pool;
    private final BarReader reader;
    private final RowPipeline pipeline;
    private final ResultOutput output;
    private final ProgressListener progress;
    private long reported;

    /**
     * @param output where computed batches go, or {@code null} to compute the summary only
     */
    Conveyor(BatchPool pool, BarReader reader, RowPipeline pipeline, ResultOutput output, ProgressListener progress) {
        this.pool = pool;
        this.reader = reader;
        this.pipeline = pipeline;
        this.output = output;
        this.progress = progress;
    }

    /** Runs every stage on the calling thread. */
    void runInline() {
        boolean done = false;
        try {
            boolean last;
            do {
                RowBatch batch = takeFree();
                reader.fill(batch);
                last = computed(batch);
            } while (!last);
            finishOutput();
            done = true;
        } finally {
            if (!done && output != null) {
                output.abort();
            }
        }
    }

    /** Reads on a thread of its own while the calling thread computes. */
    void runReadingAhead() {
        Thread readerThread = Workers.start("signalbox-read", this::readLoop);
        boolean done = false;
        try {
            boolean last;
            do {
                RowBatch batch = takeParsed();
                if (batch == BatchPool.WAKE) {
                    pool.rethrow();
                }
                last = computed(batch);
            } while (!last);
            finishOutput();
            done = true;
        } finally {
            if (!done) {
                readerThread.interrupt();
                if (output != null) {
                    output.abort();
                }
            }
            Workers.joinAll(List.of(readerThread));
        }
    }

    /** Computes the batch and hands it on; true when it was the last. */
    private boolean computed(RowBatch batch) {
        pipeline.compute(batch);
        long rows = pipeline.rows();
        if (rows - reported >= PROGRESS_EVERY) {
            reported = rows;
            progress.rowsRead(rows);
        }
        if (batch.failure != null) {
            throw batch.failure;
        }
        boolean last = batch.last;
        if (output != null) {
            output.accept(batch);
        } else {
            pool.give(batch);
        }
        return last;
    }

    private void finishOutput() {
        if (output != null) {
            output.finish();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                RowBatch batch = pool.take();
                reader.fill(batch);
                pool.parsed.put(batch);
                if (batch.last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            pool.fail(e);
        }
    }

    private RowBatch takeFree() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private RowBatch takeParsed() {
        try {
            return pool.parsed.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }
}
