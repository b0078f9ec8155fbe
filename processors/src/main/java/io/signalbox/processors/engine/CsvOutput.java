package io.signalbox.processors.engine;

import io.signalbox.processors.decimal.DoubleFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the result CSV: each row's line as the reader made it, then its computed cells in the shortest round-trip
 * form (or the recipe's precision), then LF. With workers, formatting a batch is the job of whichever worker takes
 * it, and one writer thread writes the batches in input order as they become ready, so the bytes are the same for any
 * number of workers; without, the computing thread formats and writes.
 */
final class CsvOutput extends OrderedOutput {

    private static final int CELL = DoubleFormatter.MAX_LENGTH + 1;
    private static final RowBatch END = new RowBatch(0);

    private final OutputStream out;
    private final DoubleFormatter formatter;
    private final byte delimiter;
    private final int workers;
    private final BlockingQueue<RowBatch> toFormat = new LinkedBlockingQueue<>();

    /**
     * @param header the header line, LF included, written first
     * @param workers formatting threads; 0 to format and write on the calling thread
     */
    CsvOutput(OutputStream out, DoubleFormatter formatter, byte delimiter, byte[] header, BatchPool pool,
            int workers) {
        super(pool, workers > 0);
        this.out = out;
        this.formatter = formatter;
        this.delimiter = delimiter;
        this.workers = workers;
        write(header, header.length);
        for (int i = 0; i < workers; i++) {
            startHelper("signalbox-format-" + (i + 1), this::formatLoop);
        }
        startWriter();
    }

    @Override
    void prepare(RowBatch batch) {
        toFormat.add(batch);
    }

    @Override
    void endHelpers() {
        for (int i = 0; i < workers; i++) {
            toFormat.add(END);
        }
    }

    @Override
    void write(RowBatch batch) {
        if (writer == null) {
            format(batch);
        }
        while (!batch.formatted) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        write(batch.out, batch.outLength);
    }

    @Override
    void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }

    private void formatLoop() {
        try {
            while (true) {
                RowBatch batch = toFormat.take();
                if (batch == END) {
                    return;
                }
                format(batch);
                LockSupport.unpark(writer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            pool.fail(e);
        }
    }

    /** Formats a batch's rows into its output bytes and marks it formatted. */
    private void format(RowBatch batch) {
        final int cells = batch.cellsPerRow;
        int needed = batch.linesLength + batch.rows * (cells * CELL + 1);
        if (batch.out.length < needed) {
            batch.out = new byte[needed + needed / 4];
        }
        final byte[] b = batch.out;
        final byte[] lines = batch.lines;
        final int[] lineEnds = batch.lineEnds;
        final double[] values = batch.cells;
        final byte d = delimiter;
        final DoubleFormatter f = formatter;
        int p = 0;
        int lineStart = 0;
        for (int r = 0, n = batch.rows; r < n; r++) {
            int lineEnd = lineEnds[r];
            System.arraycopy(lines, lineStart, b, p, lineEnd - lineStart);
            p += lineEnd - lineStart;
            lineStart = lineEnd;
            for (int c = r * cells, end = c + cells; c < end; c++) {
                b[p++] = d;
                double v = values[c];
                if (v == v) {
                    p = f.format(v, b, p);
                }
            }
            b[p++] = '\n';
        }
        batch.outLength = p;
        batch.formatted = true;
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }
}
