package io.signalbox.app.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How long things are kept.
 *
 * @param retention how long a result waits to be downloaded before it expires
 * @param uploadWindow how long a job may wait for its upload to complete
 * @param intervalMillis how often the cleanup runs
 * @param batchSize how many jobs one cleanup run handles at most
 * @param abandonedUploadAge how long a multipart upload must have been started, and without a new part, before the
 *     cleanup aborts it as abandoned; longer than any live upload pauses
 */
@ConfigurationProperties("signalbox.cleanup")
public record RetentionSettings(@NotNull Duration retention, @NotNull Duration uploadWindow, @Min(100) long intervalMillis,
        @Min(1) int batchSize, @NotNull Duration abandonedUploadAge) {
}
