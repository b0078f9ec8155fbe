package io.signalbox.app.presigned;

import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signs the URLs clients upload with: one per part of a multipart upload, or one for a whole small file. Each binds
 * the size of what it takes, so that storage refuses a body of another size; nobody can store more through a URL
 * than the file declared.
 */
@Singleton
final class PartUrls {

    private final S3Presigner presigner;
    private final String bucket;

    PartUrls(S3Presigner presigner, StorageSettings storage) {
        this.presigner = presigner;
        this.bucket = storage.bucket();
    }

    /**
     * @param key the object's key
     * @param uploadId the multipart upload
     * @param partNumber the part
     * @param size the part's size in bytes
     * @param checksumSha256 the part's SHA-256 in base64, which the request must then carry and S3 checks the bytes
     *     against, or {@code null}
     * @param validFor how long the URL works
     * @return the URL for a {@code PUT} of the part, with the headers the request must carry besides
     */
    SignedUrl part(String key, String uploadId, int partNumber, long size, @Nullable String checksumSha256,
            Duration validFor) {
        return signed(presigner.presignUploadPart(request -> request.signatureDuration(validFor)
                .uploadPartRequest(part -> part.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(size).checksumSHA256(checksumSha256))));
    }

    /**
     * @param key the object's key
     * @param size the object's size in bytes
     * @param validFor how long the URL works
     * @return the URL for a {@code PUT} of the whole object
     */
    SignedUrl object(String key, long size, Duration validFor) {
        return signed(presigner.presignPutObject(request -> request.signatureDuration(validFor)
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentLength(size))));
    }

    /** Every HTTP client sends Host and Content-Length of its own; the other signed headers are the caller's to send. */
    private static SignedUrl signed(PresignedRequest presigned) {
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new SignedUrl(presigned.url().toString(), headers.isEmpty() ? null : Map.copyOf(headers));
    }

    /**
     * @param url the presigned URL
     * @param headers headers the request must carry with these values, or {@code null} when there are none
     */
    record SignedUrl(String url, @Nullable Map<String, String> headers) {
    }
}
