package io.signalbox.app.presigned;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.signalbox.app.job.JobView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A presigned upload as its owner sees it: what storage has, and URLs for what is still missing. Absent values are
 * left out.
 *
 * @param job the job
 * @param size the file's declared size
 * @param partSize bytes of every part but the last
 * @param partCount how many parts the file has
 * @param checksumAlgorithm {@code SHA256} when every part must be sent with its SHA-256; its URL then comes from
 *     {@code POST …/upload/parts}
 * @param expiresAt when the upload window closes: an upload not completed by then expires with its job
 * @param urlsExpireAt when the URLs given here stop working
 * @param uploadedParts the parts storage has, in order
 * @param parts the parts still to upload, each with its URL unless the part's checksum must first be given
 * @param signals the signals file declared with the prices, when there is one
 * @param links where to go next
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadState(JobView job, long size, long partSize, int partCount, @Nullable String checksumAlgorithm,
        Instant expiresAt, @Nullable Instant urlsExpireAt, List<UploadedPart> uploadedParts, List<PartUrl> parts,
        @Nullable SignalsUpload signals, Map<String, String> links) {

    /**
     * A part storage has.
     *
     * @param partNumber its number
     * @param etag the ETag storage gave it, to send back when completing
     * @param size its size in bytes
     */
    @Serdeable
    public record UploadedPart(int partNumber, String etag, long size) {
    }

    /**
     * A part to upload: {@code PUT} its bytes to the URL, with the headers given.
     *
     * @param partNumber its number
     * @param url where to {@code PUT} it, or {@code null} while its checksum is still to be given
     * @param headers headers the {@code PUT} must carry with exactly these values, or {@code null}
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartUrl(int partNumber, @Nullable String url, @Nullable Map<String, String> headers) {
    }

    /**
     * The signals file, uploaded whole with one {@code PUT} before the upload of the prices is completed.
     *
     * @param name its name
     * @param size its declared size
     * @param uploaded whether storage has it, with that size
     * @param url where to {@code PUT} it while it is not uploaded
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignalsUpload(String name, long size, boolean uploaded, @Nullable String url) {
    }

    /**
     * URLs issued for parts named by their owner.
     *
     * @param parts a URL per part
     * @param urlsExpireAt when they stop working
     */
    @Serdeable
    public record IssuedUrls(List<PartUrl> parts, Instant urlsExpireAt) {
    }
}
