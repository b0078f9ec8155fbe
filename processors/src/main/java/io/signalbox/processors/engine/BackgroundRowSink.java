package io.signalbox.processors.engine;

import io.signalbox.processors.decimal.DoubleFormatter;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands rows in batches to a second thread that writes them, so that reading and computing overlap with formatting
 * numbers and writing. Formatting is split: the calling thread, which also reads and computes, formats the first third
 * of the computed cells into the batch, the second thread the rest and pays for the write calls; measured, that
 * balances the two. Batches are recycled: memory stays at a few batches, whatever the file's size.
 * Failures of the writing thread are rethrown on the calling thread at the next batch or at {@link #finish()}.
 */
final class BackgroundRowSink implements RowSink {

    private static final int BATCH_ROWS = 2048;
    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCHES = 4;
    private static final int CELL = DoubleFormatter.MAX_LENGTH + 1;

    private final ResultWriter writer;
    private final int cells;
    private final int formattedHere;
    private final int deferred;
    private final DoubleFormatter formatter;
    private final byte delimiter;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile Throwable failure;
    private Batch current;
    private long rows;
    private boolean finished;

    private static final class Batch {
        byte[] bytes = new byte[BATCH_BYTES];
        int byteCount;
        final int[] ends = new int[BATCH_ROWS];
        final double[] values;
        int rows;
        final boolean last;

        Batch(int cells, boolean last) {
            this.values = new double[last ? 0 : BATCH_ROWS * cells];
            this.last = last;
            if (last) {
                bytes = new byte[0];
            }
        }
    }

    BackgroundRowSink(ResultWriter writer, int cells, DoubleFormatter formatter, byte delimiter) {
        this.writer = writer;
        this.cells = cells;
        this.formattedHere = cells / 3;
        this.deferred = cells - formattedHere;
        this.formatter = formatter;
        this.delimiter = delimiter;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(cells, false));
        }
        current = take(free);
        thread = new Thread(this::drain, "signalbox-result-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void row(byte[] raw, int from, int to, double[] values, int[] slots) {
        int length = to - from + formattedHere * CELL;
        Batch b = current;
        if (b.byteCount + length > b.bytes.length) {
            if (b.rows > 0) {
                submit();
                b = current;
            }
            if (length > b.bytes.length) {
                b.bytes = new byte[length];
            }
        }
        byte[] bytes = b.bytes;
        int p = b.byteCount;
        System.arraycopy(raw, from, bytes, p, to - from);
        p += to - from;
        for (int i = 0; i < formattedHere; i++) {
            bytes[p++] = delimiter;
            double v = values[slots[i]];
            if (v == v) {
                p = formatter.format(v, bytes, p);
            }
        }
        b.byteCount = p;
        b.ends[b.rows] = p;
        int base = b.rows * deferred;
        double[] target = b.values;
        for (int i = formattedHere; i < cells; i++) {
            target[base++] = values[slots[i]];
        }
        b.rows++;
        rows++;
        if (b.rows == BATCH_ROWS) {
            submit();
        }
    }

    @Override
    public void text(byte[] bytes) {
        if (current.rows > 0) {
            submit();
        }
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        Batch header = current;
        header.bytes = copy.length <= header.bytes.length ? header.bytes : new byte[copy.length];
        System.arraycopy(copy, 0, header.bytes, 0, copy.length);
        header.byteCount = copy.length;
        header.rows = -1;
        submit();
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() {
        if (current.rows != 0) {
            submit();
        }
        stop();
        rethrow();
        writer.finish();
    }

    @Override
    public void close() {
        stop();
    }

    private void stop() {
        if (finished) {
            return;
        }
        finished = true;
        put(new Batch(cells, true));
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit() {
        rethrow();
        put(current);
        current = take(free);
        current.rows = 0;
        current.byteCount = 0;
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Batch b = take(full);
            if (b.last) {
                return;
            }
            if (failure == null) {
                try {
                    write(b);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
            put(free, b);
        }
    }

    private void write(Batch b) {
        if (b.rows < 0) {
            writer.text(Arrays.copyOf(b.bytes, b.byteCount));
            return;
        }
        int start = 0;
        for (int r = 0; r < b.rows; r++) {
            int end = b.ends[r];
            writer.row(b.bytes, start, end, b.values, r * deferred, deferred);
            start = end;
        }
    }

    private void put(Batch b) {
        put(full, b);
    }

    private static void put(BlockingQueue<Batch> queue, Batch b) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(b);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Batch take(BlockingQueue<Batch> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
