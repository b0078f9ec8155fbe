package io.signalbox.app.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.signalbox.routes.storage.PartSchedule;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;

/**
 * Where objects live.
 *
 * @param bucket the one bucket holding every prefix
 * @param region the AWS region
 * @param endpoint an S3-API endpoint other than AWS's (local mode), or {@code null}
 * @param partSizeBytes bytes per multipart part of the first parts; also the memory one streamed upload holds while
 *     its parts are that size
 * @param partsBeforeDoubling how many parts of an object written as it is produced keep one size before the size
 *     doubles, so that S3's 10,000 parts hold objects up to S3's largest
 * @param maxPartInMemoryBytes parts up to this size are held in memory; larger ones (of objects of tens of gigabytes)
 *     in a temporary file on local disk
 */
@ConfigurationProperties("signalbox.storage")
public record StorageSettings(@NotBlank String bucket, @NotBlank String region, @Nullable URI endpoint,
        @Min(5 * 1024 * 1024) int partSizeBytes, @Min(1) int partsBeforeDoubling,
        @Min(5 * 1024 * 1024) long maxPartInMemoryBytes) {

    /**
     * @return the sizes of the parts of objects written as they are produced
     * @throws IllegalStateException naming the settings when they cannot hold S3's largest object
     */
    public PartSchedule partSchedule() {
        try {
            return new PartSchedule(partSizeBytes, partsBeforeDoubling);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("signalbox.storage.part-size-bytes " + partSizeBytes
                    + " with signalbox.storage.parts-before-doubling " + partsBeforeDoubling + " cannot work: "
                    + e.getMessage(), e);
        }
    }
}
