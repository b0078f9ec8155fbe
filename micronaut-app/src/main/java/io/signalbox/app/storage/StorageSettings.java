package io.signalbox.app.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;

/**
 * Where objects live.
 *
 * @param bucket the one bucket holding every prefix
 * @param region the AWS region
 * @param endpoint an S3-API endpoint other than AWS's (local mode), or {@code null}
 * @param partSizeBytes bytes per multipart part; also the memory one streamed upload holds
 */
@ConfigurationProperties("signalbox.storage")
public record StorageSettings(@NotBlank String bucket, @NotBlank String region, @Nullable URI endpoint,
        @Min(5 * 1024 * 1024) int partSizeBytes) {
}
