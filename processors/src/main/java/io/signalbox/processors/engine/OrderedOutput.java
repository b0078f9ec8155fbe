package io.signalbox.processors.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An output that writes batches in input order: on the computing thread, or on a writer thread of its own that
 * takes the batches in the order they were accepted. Subclasses say how a batch is written and may add helper
 * threads (formatting workers) that prepare batches before the writer gets to them.
 */
abstract class OrderedOutput implements ResultOutput {

    private static final RowBatch END = new RowBatch(0);

    final BatchPool pool;
    private final BlockingQueue<RowBatch> toWrite = new LinkedBlockingQueue<>();
    private final List<Thread> helpers = new ArrayList<>();
    /** The writer thread, made before any helper starts and started after them; {@code null} to write inline. */
    final Thread writer;
    private long rows;
    private boolean finished;

    OrderedOutput(BatchPool pool, boolean threaded) {
        this.pool = pool;
        this.writer = threaded ? new Thread(this::writeLoop, "signalbox-write") : null;
        if (writer != null) {
            writer.setDaemon(true);
        }
    }

    /** Starts a helper thread; call from the subclass's constructor, before {@link #startWriter()}. */
    final void startHelper(String name, Runnable work) {
        helpers.add(Workers.start(name, work));
    }

    final void startWriter() {
        if (writer != null) {
            writer.start();
        }
    }

    /** Writes a batch, on the writer thread or inline; it may wait for a helper to be done with it. */
    abstract void write(RowBatch batch) throws InterruptedException;

    /** Hands a batch to the helpers when there is a writer thread; called before the writer may see it. */
    void prepare(RowBatch batch) {
    }

    /** Tells the helpers that no batch follows. */
    void endHelpers() {
    }

    /** Writes what remains (a footer, say) and flushes; after every batch was written. */
    abstract void close();

    @Override
    public final void accept(RowBatch batch) {
        rows += batch.rows;
        if (writer == null) {
            try {
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
            pool.give(batch);
            return;
        }
        toWrite.add(batch);
        prepare(batch);
    }

    @Override
    public final void finish() {
        if (writer != null) {
            toWrite.add(END);
            endHelpers();
            joinAll();
            pool.rethrow();
        }
        finished = true;
        close();
    }

    @Override
    public final void abort() {
        if (writer == null || finished) {
            return;
        }
        finished = true;
        writer.interrupt();
        for (Thread helper : helpers) {
            helper.interrupt();
        }
        joinAll();
    }

    @Override
    public final long rows() {
        return rows;
    }

    private void joinAll() {
        List<Thread> all = new ArrayList<>(helpers);
        all.add(writer);
        Workers.joinAll(all);
    }

    private void writeLoop() {
        try {
            while (true) {
                RowBatch batch = toWrite.take();
                if (batch == END) {
                    return;
                }
                write(batch);
                pool.give(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            pool.fail(e);
        }
    }
}
