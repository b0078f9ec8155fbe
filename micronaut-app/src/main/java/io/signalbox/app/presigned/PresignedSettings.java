package io.signalbox.app.presigned;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * Presigned URLs, through which clients send files straight to storage.
 *
 * @param publicEndpoint the S3 endpoint as clients reach it, which presigned URLs point at; {@code null} for the
 *     storage endpoint the service itself uses ({@code signalbox.storage.endpoint}, else AWS's). Set it where the
 *     service reaches S3 another way than its clients, such as a VPC endpoint, or the embedded S3 server through a
 *     name clients know it by.
 * @param uploadUrlLifetime how long a presigned upload URL works after it was issued, at most until the upload's
 *     window ({@code signalbox.cleanup.upload-window}) closes
 */
@ConfigurationProperties("signalbox.presigned")
public record PresignedSettings(@Nullable URI publicEndpoint, @NotNull Duration uploadUrlLifetime) {
}
