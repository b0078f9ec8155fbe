package io.signalbox.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Signalbox at a time per {@code SIGNALBOX_HOME}: an exclusive lock on {@code SIGNALBOX_HOME/signalbox.lock},
 * held while local mode (or a command that starts local mode's database) runs and released by the operating system
 * when the process ends, even by {@code kill -9}. The file names its holder, so that another start can say which
 * process to stop.
 */
final class HomeLock implements AutoCloseable {

    private static final String FILE = "signalbox.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param home local mode's folder, which exists
     * @param holder what holds it, e.g. {@code local mode (pid 4242; REST API port 8080, ...)}
     * @return the lock
     * @throws LocalModeException naming the holder when another process holds it
     */
    static HomeLock acquire(Path home, String holder) {
        Path file = home.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String other = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new LocalModeException("another Signalbox is running on " + home + ": "
                        + (other.isEmpty() ? "a process that is still starting" : other)
                        + "; stop it first, or give this one its own SIGNALBOX_HOME");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new HomeLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /**
     * @param holder what holds it now, e.g. with the ports it ended up on
     */
    void describe(String holder) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel anyway.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
