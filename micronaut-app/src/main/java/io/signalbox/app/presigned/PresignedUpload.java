package io.signalbox.app.presigned;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * The S3 multipart upload of a job whose owner sends the file straight to storage through presigned URLs.
 *
 * @param jobId the job
 * @param uploadId S3's id of the multipart upload
 * @param declaredBytes the file's size as declared
 * @param partSize bytes of every part but the last
 * @param partCount how many parts the file has
 * @param partChecksum {@code SHA256} when every part is sent with its SHA-256, else {@code null}
 * @param signalsBytes the declared size of a signals file uploaded with its own URL, or {@code null}
 * @param createdAt when the upload was started
 * @param completedAt when it was completed, or {@code null}
 * @param abortedAt when it was aborted, or {@code null}
 */
@MappedEntity("presigned_uploads")
public record PresignedUpload(@Id UUID jobId, String uploadId, long declaredBytes, long partSize, int partCount,
        @Nullable String partChecksum, @Nullable Long signalsBytes, Instant createdAt, @Nullable Instant completedAt,
        @Nullable Instant abortedAt) {

    /** The one part checksum algorithm offered: S3 checks each part's bytes against it. */
    public static final String SHA256 = "SHA256";

    /**
     * @return how the file is cut into parts
     */
    public PartPlan plan() {
        return new PartPlan(declaredBytes, partSize, partCount);
    }

    /**
     * @return whether every part is sent with its SHA-256
     */
    public boolean checksummedParts() {
        return SHA256.equals(partChecksum);
    }

    /**
     * @return whether the upload still takes parts: neither completed nor aborted
     */
    public boolean open() {
        return completedAt == null && abortedAt == null;
    }
}
