package io.signalbox.app.shutdown;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * ECS task scale-in protection while jobs run.
 *
 * @param expiry how long one grant of protection lasts; renewed at half that while jobs still run, so a process that
 *     dies without releasing it is protected no longer than this (whole minutes, 1 to 2880, as ECS accepts)
 */
@ConfigurationProperties("signalbox.ecs")
public record TaskProtectionSettings(@NotNull Duration protectionExpiry) {
}
