package io.signalbox.app.schema;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How a process that does not migrate the database waits for the one that does.
 *
 * @param maxWait how long it waits at start for the schema to have every migration it carries, before it gives up
 * @param pollInterval how often it looks
 */
@ConfigurationProperties("signalbox.schema")
public record SchemaSettings(@NotNull Duration maxWait, @NotNull Duration pollInterval) {
}
