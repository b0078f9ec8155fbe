package io.signalbox.routes.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a part waits until it is uploaded: in memory up to a size, beyond it in a temporary file (owner-readable
 * only, deleted once the object is complete or discarded) in a folder on local disk.
 *
 * @param maxInMemory parts up to this many bytes are held in memory
 * @param spoolDirectory the folder of the temporary files of larger parts
 */
public record PartStorage(long maxInMemory, Path spoolDirectory) {

    public PartStorage {
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (maxInMemory < 0) {
            throw new IllegalArgumentException("maxInMemory " + maxInMemory + " is invalid; expected 0 or more");
        }
    }

    /**
     * @param maxInMemory parts up to this many bytes are held in memory
     * @return larger parts in the JVM's temporary folder ({@code java.io.tmpdir})
     */
    public static PartStorage inTemporaryFolder(long maxInMemory) {
        return new PartStorage(maxInMemory, Path.of(System.getProperty("java.io.tmpdir")));
    }

    PartBuffer newBuffer() {
        return new PartBuffer(maxInMemory, spoolDirectory);
    }
}
