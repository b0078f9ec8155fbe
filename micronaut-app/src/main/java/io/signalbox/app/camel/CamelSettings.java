package io.signalbox.app.camel;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How the Camel context runs.
 *
 * @param shutdownTimeout how long a stopping process lets exchanges in flight finish; what is still running then is
 *     abandoned and its message delivered again later. Fits inside Fargate's 30 s between SIGTERM and SIGKILL.
 * @param routeRestartDelay how long to wait before starting again a route that could not start (its bucket or queue
 *     was unreachable)
 */
@ConfigurationProperties("signalbox.camel")
public record CamelSettings(@NotNull Duration shutdownTimeout, @NotNull Duration routeRestartDelay) {
}
