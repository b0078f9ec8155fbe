package io.signalbox.app.camel;

import io.micronaut.context.env.Environment;
import org.apache.camel.spi.PropertiesSource;

/** Resolves Camel's {@code {{signalbox.…}}} placeholders from Micronaut's configuration, so both read one set of keys. */
final class MicronautPropertiesSource implements PropertiesSource {

    private final Environment environment;

    MicronautPropertiesSource(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return "micronaut";
    }

    @Override
    public String getProperty(String name) {
        return environment.getProperty(name, String.class).orElse(null);
    }
}
