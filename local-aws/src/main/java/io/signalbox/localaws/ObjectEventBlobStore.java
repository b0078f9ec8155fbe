package io.signalbox.localaws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Reports what one identity does to objects: writes, copies, completed multipart uploads and deletes once the
 * store has done them, and reads, whole or ranged, once their body has been sent or the client went away. Everything
 * else passes through.
 *
 * <p>Parts of a multipart upload report nothing; only their completion does, so one upload is one event.
 */
final class ObjectEventBlobStore extends ForwardingBlobStore {

    private final S3Identity identity;
    private final ObjectEventPublisher publisher;
    private final Clock clock;

    ObjectEventBlobStore(BlobStore delegate, S3Identity identity, ObjectEventPublisher publisher, Clock clock) {
        super(delegate);
        this.identity = identity;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        PutObjectResponse response = super.putBlob(request, payload);
        if (!S3Errors.isS3ProxyBookkeeping(request.key())) {
            long size = request.contentLength() != null
                    ? request.contentLength() : sizeOf(request.bucket(), request.key());
            publisher.publish(new ObjectActivity.Created(identity, request.bucket(), request.key(), clock.instant(),
                    ObjectActivity.Created.Kind.PUT, size, response.eTag(), response.versionId()));
        }
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        String eTag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
        publisher.publish(new ObjectActivity.Created(identity, request.destinationBucket(), request.destinationKey(),
                clock.instant(), ObjectActivity.Created.Kind.COPY,
                sizeOf(request.destinationBucket(), request.destinationKey()), eTag, response.versionId()));
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        publisher.publish(new ObjectActivity.Created(identity, upload.containerName(), upload.blobName(),
                clock.instant(), ObjectActivity.Created.Kind.COMPLETE_MULTIPART_UPLOAD,
                sizeOf(upload.containerName(), upload.blobName()), response.eTag(), response.versionId()));
        return response;
    }

    /** Like S3 this announces a delete only when it removed something: deleting a missing key announces nothing. */
    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        if (S3Errors.isS3ProxyBookkeeping(request.key())) {
            return super.removeBlob(request);
        }
        boolean existed = request.versionId() != null
                || delegate().blobMetadataIfPresent(request.bucket(), request.key()) != null;
        DeleteObjectResponse response = super.removeBlob(request);
        if (existed) {
            publisher.publish(new ObjectActivity.Removed(identity, request.bucket(), request.key(), clock.instant(),
                    Boolean.TRUE.equals(response.deleteMarker()), response.versionId()));
        }
        return response;
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        ResponseInputStream<GetObjectResponse> blob = super.getBlob(request);
        if (S3Errors.isS3ProxyBookkeeping(request.key()) || !publisher.announcesReadsOf(request.key())) {
            return blob;
        }
        AuthenticationMethod authentication = RequestAuthentication.current();
        InputStream reporting = new ReadReportingInputStream(blob, bytesSent -> publisher.publish(new ObjectActivity.Read(
                identity, request.bucket(), request.key(), clock.instant(), request.range(), bytesSent,
                authentication)));
        return new ResponseInputStream<>(blob.response(), reporting);
    }

    /**
     * Copies parts here rather than letting S3Proxy emulate the copy, because its emulation reads the source
     * through {@link #getBlob}, which would report the copy as a client's GetObject.
     */
    @Override
    public boolean supportsCopyMultipartPart() {
        return true;
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        GetObjectRequest read = GetObjectRequest.builder()
                .bucket(request.sourceBucket())
                .key(request.sourceKey())
                .versionId(request.sourceVersionId())
                .range(request.copySourceRange())
                .build();
        try (ResponseInputStream<GetObjectResponse> source = delegate().getBlob(read)) {
            GetObjectResponse sourceMetadata = source.response();
            checkCopySourceConditions(request, sourceMetadata);
            UploadPartResponse part = delegate().uploadMultipartPart(upload, UploadPartRequest.builder()
                    .bucket(upload.containerName())
                    .key(upload.blobName())
                    .uploadId(upload.id())
                    .partNumber(request.partNumber())
                    .contentLength(sourceMetadata.contentLength())
                    .build(), source);
            return UploadPartCopyResponse.builder()
                    .copySourceVersionId(sourceMetadata.versionId())
                    .copyPartResult(CopyPartResult.builder()
                            .eTag(part.eTag())
                            .lastModified(clock.instant())
                            .build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the copy source s3://" + request.sourceBucket() + "/"
                    + request.sourceKey() + " failed", e);
        }
    }

    private long sizeOf(String bucket, String key) {
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        return head == null || head.contentLength() == null ? 0 : head.contentLength();
    }

    private static void checkCopySourceConditions(UploadPartCopyRequest request, GetObjectResponse source) {
        String eTag = source.eTag() == null ? null : quoted(source.eTag());
        if (eTag != null) {
            if (request.copySourceIfMatch() != null && !request.copySourceIfMatch().equals(eTag)) {
                throw S3Errors.preconditionFailed();
            }
            if (request.copySourceIfNoneMatch() != null && request.copySourceIfNoneMatch().equals(eTag)) {
                throw S3Errors.preconditionFailed();
            }
        }
        if (source.lastModified() != null) {
            if (request.copySourceIfModifiedSince() != null
                    && !source.lastModified().isAfter(request.copySourceIfModifiedSince())) {
                throw S3Errors.preconditionFailed();
            }
            if (request.copySourceIfUnmodifiedSince() != null
                    && source.lastModified().isAfter(request.copySourceIfUnmodifiedSince())) {
                throw S3Errors.preconditionFailed();
            }
        }
    }

    private static String quoted(String eTag) {
        return eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    }

    /** Counts the bytes handed out and reports the count once, when the stream is closed. */
    private static final class ReadReportingInputStream extends FilterInputStream {

        private final LongConsumer onClose;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long count;

        ReadReportingInputStream(InputStream in, LongConsumer onClose) {
            super(in);
            this.onClose = onClose;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    onClose.accept(count);
                }
            }
        }
    }
}
