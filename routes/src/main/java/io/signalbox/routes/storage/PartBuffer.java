package io.signalbox.routes.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bytes of one part on their way to S3: in memory up to a limit, in a temporary file beyond it, so that the large
 * parts of very large objects do not have to fit in the heap. One buffer serves every part of one object; the file,
 * when one was needed, is deleted on {@link #close()}.
 */
final class PartBuffer implements AutoCloseable {

    private final long maxInMemory;
    private final Path spoolDirectory;
    private byte[] memory = new byte[0];
    private Path file;
    private FileChannel channel;
    private long capacity;
    private long size;

    /**
     * @param maxInMemory parts up to this size are held in memory
     * @param spoolDirectory where larger parts are held
     */
    PartBuffer(long maxInMemory, Path spoolDirectory) {
        this.maxInMemory = maxInMemory;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * Empties the buffer for the next part.
     *
     * @param partSize how many bytes the part takes
     */
    void startPart(long partSize) throws IOException {
        capacity = partSize;
        size = 0;
        if (inMemory()) {
            if (memory.length != partSize) {
                memory = new byte[(int) partSize];
            }
        } else {
            memory = new byte[0];
            if (channel == null) {
                file = Files.createTempFile(spoolDirectory, "signalbox-part-", ".bin");
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            channel.truncate(0);
        }
    }

    /**
     * @return how many more bytes the part takes
     */
    long remaining() {
        return capacity - size;
    }

    /**
     * @return bytes held
     */
    long size() {
        return size;
    }

    /**
     * @param source bytes to add, at most {@link #remaining()}
     */
    void write(byte[] source, int offset, int length) throws IOException {
        if (inMemory()) {
            System.arraycopy(source, offset, memory, (int) size, length);
        } else {
            ByteBuffer chunk = ByteBuffer.wrap(source, offset, length);
            while (chunk.hasRemaining()) {
                channel.write(chunk, size + chunk.position() - offset);
            }
        }
        size += length;
    }

    /**
     * @return the bytes held, readable again for a retry, as long as the part is not restarted
     */
    RequestBody body(String contentType) {
        long length = size;
        if (inMemory()) {
            byte[] bytes = memory;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, (int) length), length,
                    contentType);
        }
        Path path = file;
        return RequestBody.fromContentProvider(() -> {
            try {
                return Files.newInputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, length, contentType);
    }

    /**
     * @return whether the current part is held in memory
     */
    boolean inMemory() {
        return capacity <= maxInMemory;
    }

    @Override
    public void close() {
        memory = new byte[0];
        if (channel != null) {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing more can be done here; the file is in the temporary folder, owner-readable only.
            }
            channel = null;
        }
    }
}
