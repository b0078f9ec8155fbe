package io.signalbox.routes.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Multipart uploads that were started and never finished: by a process that was killed while it wrote a result or
 * received an upload, or by a client that went away. Their parts stay in the bucket, invisible to listings of objects,
 * until the upload is aborted.
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
