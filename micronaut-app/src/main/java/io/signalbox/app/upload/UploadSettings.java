package io.signalbox.app.upload;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * What an upload through the REST API may be.
 *
 * @param maxBytes the largest request body accepted (a multipart form counts whole)
 * @param minBytesPerSecond the slowest a client may send; one that stays slower for {@code slowTimeout} is answered
 *     {@code 408} and its upload is discarded
 * @param slowTimeout how long a client may send slower than {@code minBytesPerSecond}
 */
@ConfigurationProperties("signalbox.upload")
public record UploadSettings(@Min(1) long maxBytes, @Min(0) long minBytesPerSecond, @NotNull Duration slowTimeout) {
}
