package io.signalbox.app.upload;

import java.io.IOException;
import java.io.InputStream;

/** A stream whose every read, one byte at a time too, goes through its block read, where its checks are. */
abstract class BlockInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
