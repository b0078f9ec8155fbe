package io.signalbox.app.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;

/**
 * The queues, by name.
 *
 * @param events S3 event notifications
 * @param jobs job ids ready to process
 * @param downloads CloudTrail GetObject events of partner pickups
 * @param eventsDlq dead letters of {@code events}
 * @param jobsDlq dead letters of {@code jobs}
 * @param downloadsDlq dead letters of {@code downloads}
 * @param endpoint an SQS-API endpoint other than AWS's (local mode), or {@code null}
 * @param waitTimeSeconds long-poll wait of the consumers
 */
@ConfigurationProperties("signalbox.queues")
public record QueueSettings(@NotBlank String events, @NotBlank String jobs, @NotBlank String downloads,
        @NotBlank String eventsDlq, @NotBlank String jobsDlq, @NotBlank String downloadsDlq,
        @Nullable URI endpoint, int waitTimeSeconds) {
}
