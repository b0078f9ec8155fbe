package io.signalbox.routes.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes one S3 object of unknown length while it is produced, holding at most one part in memory.
 *
 * <p>Camel's S3 producer needs the length up front or buffers the whole body, and the engine only knows the length
 * of its output at the end. Small objects become one PutObject; larger ones a multipart upload. {@link #close()}
 * completes the object; {@link #abort()} (or a failed write) discards it, so no partial object is ever visible.
 */
public final class S3MultipartOutputStream extends OutputStream {

    /** S3's smallest allowed part (except the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long written;
    private String uploadId;
    private boolean closed;

    /**
     * @param s3 the client
     * @param bucket the bucket
     * @param key the object's key
     * @param contentType the object's content type
     * @param partSize bytes per part, at least {@link #MIN_PART_SIZE}; also the memory this stream holds
     */
    public S3MultipartOutputStream(S3Client s3, String bucket, String key, String contentType, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + partSize + " is below S3's minimum of " + MIN_PART_SIZE);
        }
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.buffer = new byte[partSize];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == buffer.length) {
            flushPart();
        }
        buffer[filled++] = (byte) b;
        written++;
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        ensureOpen();
        int position = offset;
        int remaining = length;
        while (remaining > 0) {
            if (filled == buffer.length) {
                flushPart();
            }
            int chunk = Math.min(remaining, buffer.length - filled);
            System.arraycopy(source, position, buffer, filled, chunk);
            filled += chunk;
            position += chunk;
            remaining -= chunk;
        }
        written += length;
    }

    /**
     * @return bytes written so far
     */
    public long bytesWritten() {
        return written;
    }

    /** Completes the object. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (uploadId == null) {
                s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                        .contentLength((long) filled).build(), bufferedBody());
            } else {
                if (filled > 0) {
                    flushPart();
                }
                s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                        .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                        .build());
            }
            closed = true;
        } catch (RuntimeException e) {
            abort();
            throw new IOException("could not complete s3://" + bucket + "/" + key, e);
        }
    }

    /** Discards what was written; the object never appears. Safe to call more than once. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId).build());
            } catch (RuntimeException e) {
                // The bucket's lifecycle rule removes incomplete multipart uploads that could not be aborted here.
            }
        }
    }

    private void flushPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                        .contentType(contentType).build()).uploadId();
            }
            int partNumber = parts.size() + 1;
            String eTag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(partNumber).contentLength((long) filled).build(),
                    bufferedBody()).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            filled = 0;
        } catch (RuntimeException e) {
            abort();
            throw new IOException("could not upload part " + (parts.size() + 1) + " of s3://" + bucket + "/" + key, e);
        }
    }

    /** The buffer's filled bytes, without copying; the SDK may read them again to retry. */
    private RequestBody bufferedBody() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, contentType);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("s3://" + bucket + "/" + key + " is already closed");
        }
    }
}
