package io.signalbox.app.download;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How REST downloads of results are treated.
 *
 * @param grace how long a result stays after it was delivered whole, so that a download that failed on the client's
 *     side can be repeated ({@code SIGNALBOX_DOWNLOAD_GRACE}, e.g. {@code 10m} or {@code 5s}); {@code DELETE} on the
 *     job ends it at once
 * @param presignedUrlLifetime how long a presigned URL of a result works after the API gave it
 *     ({@code SIGNALBOX_DOWNLOAD_PRESIGNED_URL_LIFETIME}); at most 7 days, S3's limit
 */
@ConfigurationProperties("signalbox.download")
public record DownloadSettings(@NotNull Duration grace, @NotNull Duration presignedUrlLifetime) {
}
