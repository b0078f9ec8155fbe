package io.signalbox.routes.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes (SHA-256) the bytes written through it. */
public final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest digest = HashingInputStream.newSha256();

    /**
     * @param out the stream to write through; closing this stream closes it
     */
    public HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        digest.update(buffer, offset, length);
    }

    /**
     * @return SHA-256 of the bytes written, lower-case hex; call once, at the end
     */
    public String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
