package io.signalbox.local;

import io.signalbox.app.tenant.ApiKeys;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The generated secrets of local mode, kept in {@code SIGNALBOX_HOME/secrets.properties} (owner-only) so that a
 * restart keeps the same API key and S3 credentials.
 */
final class LocalSecrets {

    private static final String FILE = "secrets.properties";

    private final Path file;
    private final Properties values = new Properties();

    private LocalSecrets(Path file) {
        this.file = file;
    }

    static LocalSecrets load(Path home) {
        LocalSecrets secrets = new LocalSecrets(home.resolve(FILE));
        if (Files.exists(secrets.file)) {
            try (Reader reader = Files.newBufferedReader(secrets.file)) {
                secrets.values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + secrets.file, e);
            }
        }
        return secrets;
    }

    /**
     * @param name the secret's name
     * @return the kept value, if there is one
     */
    Optional<String> get(String name) {
        return Optional.ofNullable(values.getProperty(name));
    }

    /**
     * @param name the secret's name
     * @return the kept value, or a new random one that is kept from now on
     */
    String getOrGenerate(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            value = ApiKeys.generate();
            values.setProperty(name, value);
            save();
        }
        return value;
    }

    private void save() {
        try {
            StringWriter text = new StringWriter();
            values.store(text, "Signalbox local mode secrets");
            OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
