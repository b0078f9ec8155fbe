package io.signalbox.processors.engine;

import io.signalbox.processors.decimal.DoubleFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes result rows as bytes into a large buffer that goes straight to the output stream. */
final class ResultWriter implements RowSink {

    private static final int CELL = DoubleFormatter.MAX_LENGTH + 1;

    private final OutputStream out;
    private final DoubleFormatter formatter;
    private final byte delimiter;
    private byte[] buffer = new byte[1 << 18];
    private int position;
    private long rows;

    ResultWriter(OutputStream out, DoubleFormatter formatter, byte delimiter) {
        this.out = out;
        this.formatter = formatter;
        this.delimiter = delimiter;
    }

    @Override
    public void row(byte[] raw, int from, int to, double[] values, int[] columns) {
        makeRoom(to - from + columns.length * CELL + 1);
        byte[] b = buffer;
        int p = position;
        System.arraycopy(raw, from, b, p, to - from);
        p += to - from;
        for (int column : columns) {
            p = cell(values[column], b, p);
        }
        b[p++] = '\n';
        position = p;
        rows++;
    }

    /** Writes a line: the raw bytes, then the cells {@code values[offset, offset + count)}, then LF. */
    void row(byte[] raw, int from, int to, double[] values, int offset, int count) {
        makeRoom(to - from + count * CELL + 1);
        byte[] b = buffer;
        int p = position;
        System.arraycopy(raw, from, b, p, to - from);
        p += to - from;
        for (int i = offset, end = offset + count; i < end; i++) {
            p = cell(values[i], b, p);
        }
        b[p++] = '\n';
        position = p;
        rows++;
    }

    @Override
    public void text(byte[] bytes) {
        makeRoom(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() {
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }

    @Override
    public void close() {
    }

    /** Makes sure {@code needed} more bytes fit in the buffer, flushing it first if they do not. */
    private void makeRoom(int needed) {
        if (position + needed > buffer.length) {
            flushBuffer();
            if (needed > buffer.length) {
                buffer = new byte[needed];
            }
        }
    }

    /** Writes the delimiter, then {@code v} unless it is NaN (an empty cell); returns the index after them. */
    private int cell(double v, byte[] b, int p) {
        b[p++] = delimiter;
        return v == v ? formatter.format(v, b, p) : p;
    }

    private void flushBuffer() {
        try {
            out.write(buffer, 0, position);
            position = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }
}
