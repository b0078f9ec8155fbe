package io.signalbox.routes.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Multipart uploads of the bucket: an object too large for one copy is copied as one whose parts are copies of its
 * ranges; and uploads that were started and never finished (by a process that was killed while it wrote a result,
 * copied or received an upload, or by a client that went away) are found and aborted. Their parts stay in the bucket,
 * invisible to listings of objects, until the upload is aborted.
 */
public final class MultipartUploads {

    private final S3Client s3;
    private final String bucket;

    /**
     * @param s3 the client
     * @param bucket the bucket
     */
    public MultipartUploads(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Copies an object within the bucket, server-side, as a multipart upload whose parts are copies of its ranges: S3
     * copies at most 5 GiB at once, and one long copy outlasts a client's read timeout. An upload that fails is
     * aborted (the bucket's lifecycle rule removes one that could not be).
     *
     * @param sourceKey the object to copy
     * @param ifMatch the ETag the source must still have for every part, or {@code null} for any
     * @param size the source's size
     * @param destinationKey where the copy goes
     * @param partBytes the size of each part but the last
     * @return whether it was copied: {@code false} when the source is gone or changed meanwhile
     */
    public boolean copy(String sourceKey, String ifMatch, long size, String destinationKey, long partBytes) {
        // a route's bean call may have taken the quotes off
        String condition = ETags.quoted(ifMatch);
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(destinationKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += partBytes) {
                int number = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(first + partBytes, size) - 1);
                String eTag = s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey(sourceKey)
                        .destinationBucket(bucket).destinationKey(destinationKey).uploadId(uploadId)
                        .partNumber(number).copySourceRange(range).copySourceIfMatch(condition))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(destinationKey).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
            return true;
        } catch (S3Exception e) {
            abortAfter(destinationKey, uploadId, e);
            if (e.statusCode() == 404 || e.statusCode() == 412) {
                return false;
            }
            throw e;
        } catch (RuntimeException e) {
            abortAfter(destinationKey, uploadId, e);
            throw e;
        }
    }

    /**
     * @param prefix a key prefix
     * @return every unfinished upload of a key under it
     */
    public List<PendingUpload> under(String prefix) {
        return s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix)).uploads().stream()
                .map(upload -> new PendingUpload(upload.key(), upload.uploadId(), upload.initiated()))
                .toList();
    }

    /**
     * @param prefix a key prefix
     * @param idleSince the time before which an upload that has not moved since counts as abandoned
     * @return the unfinished uploads under the prefix that were started before that time and got no part after it
     */
    public List<PendingUpload> idleSince(String prefix, Instant idleSince) {
        return under(prefix).stream()
                .filter(upload -> upload.initiated() != null && upload.initiated().isBefore(idleSince))
                .filter(upload -> lastPartAt(upload).map(last -> last.isBefore(idleSince)).orElse(true))
                .toList();
    }

    /**
     * Aborts an upload: its parts are deleted and no object will be made of them. An upload that is gone already,
     * completed or aborted meanwhile, is left as it is.
     *
     * @param upload the upload
     * @return whether this call aborted it
     */
    public boolean abort(PendingUpload upload) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
            return true;
        } catch (NoSuchUploadException e) {
            return false;
        }
    }

    private void abortAfter(String key, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private Optional<Instant> lastPartAt(PendingUpload upload) {
        try {
            return s3.listPartsPaginator(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                    .parts().stream()
                    .map(Part::lastModified)
                    .filter(Objects::nonNull)
                    .max(Instant::compareTo);
        } catch (NoSuchUploadException e) {
            // Completed or aborted since it was listed: nothing to abort.
            return Optional.of(Instant.MAX);
        }
    }
}
