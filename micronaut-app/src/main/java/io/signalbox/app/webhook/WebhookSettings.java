package io.signalbox.app.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;

/**
 * Webhooks: where each tenant's events go, how they are signed, and how they are sent.
 *
 * @param urls per tenant, the callback URL of every job that names none of its own
 *     ({@code signalbox.webhooks.urls.<tenant>})
 * @param secrets per tenant, the secret its webhooks are signed with ({@code signalbox.webhooks.secrets.<tenant>});
 *     a tenant without one can have no webhooks
 * @param allowPrivateTargets whether callback URLs may reach loopback, link-local and private addresses (local
 *     mode, tests); refused otherwise
 * @param pollIntervalMillis how often due events are looked for
 * @param maxConcurrency how many deliveries one process makes at once
 * @param perTenantConcurrency how many of those may be one tenant's, so that a slow receiver holds up only its own
 *     tenant
 * @param connectTimeout how long a connection to a receiver may take
 * @param attemptTimeout how long one attempt may take in all, from connecting to the end of the receiver's answer
 * @param maxAttempts attempts per event before it is given up
 * @param firstRetryDelay the wait after the first failed attempt; it doubles after each further one
 * @param maxRetryDelay the longest wait between two attempts
 */
@ConfigurationProperties("signalbox.webhooks")
public record WebhookSettings(@Nullable Map<String, String> urls, @Nullable Map<String, String> secrets,
        boolean allowPrivateTargets, @Min(100) long pollIntervalMillis, @Min(1) int maxConcurrency,
        @Min(1) int perTenantConcurrency, @NotNull Duration connectTimeout, @NotNull Duration attemptTimeout,
        @Min(1) int maxAttempts, @NotNull Duration firstRetryDelay, @NotNull Duration maxRetryDelay) {

    @Override
    public Map<String, String> urls() {
        return urls == null ? Map.of() : urls;
    }

    @Override
    public Map<String, String> secrets() {
        return secrets == null ? Map.of() : secrets;
    }

    @Override
    public String toString() {
        return "WebhookSettings[urls=" + urls().keySet() + ", secrets=" + secrets().keySet() + " (values hidden)"
                + ", allowPrivateTargets=" + allowPrivateTargets + ", maxConcurrency=" + maxConcurrency
                + ", perTenantConcurrency=" + perTenantConcurrency + ", attemptTimeout=" + attemptTimeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
