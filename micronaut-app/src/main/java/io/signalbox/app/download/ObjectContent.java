package io.signalbox.app.download;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An object's bytes from storage, for a client that may stop reading before the end. Closing the SDK's stream early
 * would read the rest of the object from S3 to reuse the connection, gigabytes for a download cut off at the start;
 * closing this one early drops the connection instead.
 */
final class ObjectContent extends FilterInputStream {

    private final ResponseInputStream<?> object;
    private final long length;
    private long read;
    private boolean ended;

    /**
     * @param object the stream from storage
     * @param length how many bytes it has
     */
    ObjectContent(ResponseInputStream<?> object, long length) {
        super(object);
        this.object = object;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        count(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (!ended && read < length) {
            object.abort();
        }
        super.close();
    }

    private void count(int n) {
        if (n < 0) {
            ended = true;
        } else {
            read += n;
        }
    }
}
