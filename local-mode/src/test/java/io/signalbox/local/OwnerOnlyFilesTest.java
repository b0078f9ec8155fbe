package io.signalbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path folder;

    @Test
    void writesANewFileReadableByItsOwnerOnly() throws IOException {
        Path file = folder.resolve("local.json");

        OwnerOnlyFiles.write(file, "{\"apiKey\": \"secret\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("{\"apiKey\": \"secret\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(folder.toFile().list()).containsExactly("local.json");
    }

    @Test
    void replacesAFileOthersCouldReadWithOneTheyCannot() throws IOException {
        Path file = Files.writeString(folder.resolve("local.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
