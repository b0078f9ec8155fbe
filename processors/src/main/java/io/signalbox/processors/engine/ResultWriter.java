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
        int needed = to - from + columns.length * CELL + 1;
        if (position + needed > buffer.length) {
            flushBuffer();
            if (needed > buffer.length) {
                buffer = new byte[needed];
            }
        }
        byte[] b = buffer;
        int p = position;
        System.arraycopy(raw, from, b, p, to - from);
        p += to - from;
        for (int column : columns) {
            b[p++] = delimiter;
            double v = values[column];
            if (v == v) {
                p = formatter.format(v, b, p);
            }
        }
        b[p++] = '\n';
        position = p;
        rows++;
    }

    /** Writes a line: the raw bytes, then the cells {@code values[offset, offset + count)}, then LF. */
    void row(byte[] raw, int from, int to, double[] values, int offset, int count) {
        int needed = to - from + count * CELL + 1;
        if (position + needed > buffer.length) {
            flushBuffer();
            if (needed > buffer.length) {
                buffer = new byte[needed];
            }
        }
        byte[] b = buffer;
        int p = position;
        System.arraycopy(raw, from, b, p, to - from);
        p += to - from;
        for (int i = offset, end = offset + count; i < end; i++) {
            b[p++] = delimiter;
            double v = values[i];
            if (v == v) {
                p = formatter.format(v, b, p);
            }
        }
        b[p++] = '\n';
        position = p;
        rows++;
    }

    @Override
    public void text(byte[] bytes) {
        if (position + bytes.length > buffer.length) {
            flushBuffer();
            if (bytes.length > buffer.length) {
                buffer = new byte[bytes.length];
            }
        }
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

    private void flushBuffer() {
        try {
            out.write(buffer, 0, position);
            position = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }
}
