package io.signalbox.app.admission;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.signalbox.app.storage.UploadConcurrency;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How much work the service takes on at once; past these limits requests are answered {@code 429} with
 * {@code Retry-After}.
 *
 * @param maxUploads uploads this process receives at once, from all tenants together; each holds up to one
 *     multipart part in memory ({@code signalbox.storage.part-size-bytes}) and one S3 connection while it stores a
 *     part
 * @param maxUploadsPerTenant uploads one tenant may have in progress at once
 * @param maxQueuedJobsPerTenant jobs of one tenant that may wait for or be in processing; uploads beyond are refused
 * @param retryAfter what {@code Retry-After} tells a refused client
 */
@ConfigurationProperties("signalbox.admission")
public record AdmissionSettings(@Min(1) int maxUploads, @Min(1) int maxUploadsPerTenant,
        @Min(1) int maxQueuedJobsPerTenant, @NotNull Duration retryAfter) implements UploadConcurrency {
}
