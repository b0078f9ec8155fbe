package io.signalbox.app.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How long an {@code Idempotency-Key} holds.
 *
 * @param keyTtl how long after its job was created a key answers that job; after it the key makes a new job
 */
@ConfigurationProperties("signalbox.idempotency")
public record IdempotencySettings(@NotNull Duration keyTtl) {
}
