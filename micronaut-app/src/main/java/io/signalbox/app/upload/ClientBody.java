package io.signalbox.app.upload;

import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The request body of an upload as the service reads it. It counts what arrived and how long the service waited for
 * it, stops at the upload limit, can be stopped from another thread when the client is too slow, and remembers why
 * reading failed: whatever wraps or consumes the stream, the answer can then name what the client did (sent too
 * much, too slowly, or went away) rather than what the storage saw.
 *
 * <p>Only one thread reads. {@link #stop(Failure)} interrupts it only while it is blocked in a read of the client's
 * bytes, and the interrupt never outlives that read, so storage calls made by the same thread are never interrupted.
 */
public final class ClientBody extends BlockInputStream {

    /** Why the client's body could not be read to its end. */
    public enum Failure {
        /** More bytes than the upload limit. */
        TOO_LARGE,
        /** Slower than the minimum rate for longer than allowed. */
        TOO_SLOW,
        /** The connection ended before the body did. */
        CUT_OFF
    }

    private final InputStream delegate;
    private final long maxBytes;
    private final Object lock = new Object();
    private volatile long bytesRead;
    private Thread reader;
    private long readStartedNanos;
    private long waitedNanos;
    private Failure failure;

    /**
     * @param delegate the request body
     * @param maxBytes the most bytes accepted
     */
    public ClientBody(InputStream delegate, long maxBytes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.maxBytes = maxBytes;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        startReading();
        int read;
        try {
            read = delegate.read(buffer, offset, length);
        } catch (IOException e) {
            fail(e);
            throw e;
        } finally {
            endReading();
        }
        if (read > 0) {
            bytesRead += read;
            if (bytesRead > maxBytes) {
                stop(Failure.TOO_LARGE);
                throw new IOException("the body is larger than " + maxBytes + " bytes");
            }
        }
        return read;
    }

    @Override
    public int available() throws IOException {
        return delegate.available();
    }

    /** Lets the server drop what the client still sends of the body, if anything. */
    @Override
    public void close() {
        try {
            delegate.close();
        } catch (IOException e) {
            // the body is gone either way
        }
    }

    /**
     * Ends the body here: a read in progress fails at once, and so does every later one.
     *
     * @param why the reason to give
     */
    public void stop(Failure why) {
        synchronized (lock) {
            if (failure == null) {
                failure = why;
            }
            if (reader != null) {
                reader.interrupt();
            }
        }
    }

    /**
     * @return bytes read so far
     */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * @return how long reads have waited for the client so far, in nanoseconds; time spent storing what arrived does
     *     not count against the client
     */
    public long waitedNanos() {
        synchronized (lock) {
            return waitedNanos + (reader == null ? 0 : System.nanoTime() - readStartedNanos);
        }
    }

    /**
     * @return why the body could not be read to its end, or empty while it could
     */
    public Optional<Failure> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    private void startReading() throws IOException {
        synchronized (lock) {
            if (failure != null) {
                throw new IOException("the upload was stopped: " + failure);
            }
            reader = Thread.currentThread();
            readStartedNanos = System.nanoTime();
        }
    }

    private void endReading() {
        synchronized (lock) {
            reader = null;
            waitedNanos += System.nanoTime() - readStartedNanos;
            if (failure != null) {
                // An interrupt from stop() that arrived as the read returned must not reach the storage calls.
                Thread.interrupted();
            }
        }
    }

    private void fail(IOException e) {
        synchronized (lock) {
            if (failure == null) {
                failure = exceededServerLimit(e) ? Failure.TOO_LARGE : Failure.CUT_OFF;
            }
        }
    }

    private static boolean exceededServerLimit(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }
}
