package io.signalbox.processors.engine;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A stream as a Parquet file that is only ever appended to; closing it flushes the stream and leaves it open. Small
 * writes (page headers, the footer's fields) are gathered in a buffer of its own, large ones (pages) go straight
 * through.
 */
final class AppendOnlyFile implements OutputFile {

    private static final int BUFFER = 1 << 13;

    private final OutputStream out;

    AppendOnlyFile(OutputStream out) {
        this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new PositionOutputStream() {
            private final byte[] buffer = new byte[BUFFER];
            private int buffered;
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                if (buffered == buffer.length) {
                    drain();
                }
                buffer[buffered++] = (byte) b;
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > buffer.length - buffered) {
                    drain();
                }
                if (len >= buffer.length) {
                    out.write(b, off, len);
                } else {
                    System.arraycopy(b, off, buffer, buffered, len);
                    buffered += len;
                }
                position += len;
            }

            @Override
            public void flush() throws IOException {
                drain();
                out.flush();
            }

            @Override
            public void close() throws IOException {
                flush();
            }

            private void drain() throws IOException {
                if (buffered > 0) {
                    out.write(buffer, 0, buffered);
                    buffered = 0;
                }
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }
}
