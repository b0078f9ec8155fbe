package io.signalbox.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files with secrets in them ({@code secrets.properties}, {@code local.json}): readable by their owner only. */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Writes the file whole: the content goes to a new owner-only file beside it, which then replaces the file, so
     * that the secrets are never readable by others, not even for a moment, and a crash leaves the old file or the
     * new one.
     *
     * @param file the file
     * @param content its content
     * @throws IOException when it cannot be written
     */
    static void write(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the folder's own permissions apply.
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        }
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
