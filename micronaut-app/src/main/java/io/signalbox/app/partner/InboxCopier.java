package io.signalbox.app.partner;

import io.signalbox.app.storage.ObjectStore;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies a dropped object out of the inbox, server-side, only while it is still the version that was announced.
 * Up to the part size that is one copy through the storage routes; above it (S3 copies at most 5 GiB at once, and one
 * long copy outlasts a client's read timeout) the copy is a multipart upload whose parts are copies of ranges.
 */
@Singleton
final class InboxCopier {

    private final ObjectStore store;
    private final S3Client s3;
    private final String bucket;
    private final long partBytes;

    InboxCopier(ObjectStore store, S3Client s3, StorageSettings storage, PartnerSettings settings) {
        this.store = store;
        this.s3 = s3;
        this.bucket = storage.bucket();
        this.partBytes = settings.copyPartBytes();
    }

    /**
     * @param sourceKey the object to copy
     * @param sourceETag the ETag it must still have
     * @param size its size
     * @param destinationKey where the copy goes
     * @return whether it was copied: {@code false} when the source is gone or was replaced meanwhile
     */
    boolean copy(String sourceKey, String sourceETag, long size, String destinationKey) {
        if (size <= partBytes) {
            return store.copy(sourceKey, destinationKey, sourceETag);
        }
        String ifMatch = sourceETag.startsWith("\"") ? sourceETag : "\"" + sourceETag + "\"";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(destinationKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += partBytes) {
                int number = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(first + partBytes, size) - 1);
                String eTag = s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey(sourceKey)
                        .destinationBucket(bucket).destinationKey(destinationKey).uploadId(uploadId)
                        .partNumber(number).copySourceRange(range).copySourceIfMatch(ifMatch))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(destinationKey).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
            return true;
        } catch (S3Exception e) {
            abort(destinationKey, uploadId, e);
            if (e.statusCode() == 404 || e.statusCode() == 412) {
                return false;
            }
            throw e;
        } catch (RuntimeException e) {
            abort(destinationKey, uploadId, e);
            throw e;
        }
    }

    private void abort(String key, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            // The bucket's lifecycle rule removes incomplete multipart uploads that could not be aborted here.
            cause.addSuppressed(e);
        }
    }
}
