package io.signalbox.app.tenant;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How failed authentications are limited.
 *
 * @param maxFailures failed authentications a client address may have within the window; past them every request
 *     from it answers {@code 429} until the oldest failure leaves the window
 * @param failureWindow how long a failure counts
 * @param maxAddresses how many client addresses are tracked at once; the oldest are forgotten beyond it
 */
@ConfigurationProperties("signalbox.auth")
public record AuthSettings(@Min(1) int maxFailures, @NotNull Duration failureWindow, @Min(1) int maxAddresses) {
}
