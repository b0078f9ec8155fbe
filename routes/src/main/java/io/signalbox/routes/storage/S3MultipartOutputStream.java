package io.signalbox.routes.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes one S3 object of unknown length while it is produced, holding one part at a time.
 *
 * <p>Camel's S3 producer needs the length up front or buffers the whole body, and the engine only knows the length
 * of its output at the end. Small objects become one PutObject; larger ones a multipart upload whose parts grow as
 * the {@link PartSchedule} says, so that any object up to S3's largest fits in S3's 10,000 parts. A part larger than
 * the in-memory limit waits in a temporary file on local disk instead of the heap ({@link PartStorage}). {@link #close()} completes the
 * object; {@link #abort()} (or a failed write) discards it, so no partial object is ever visible.
 */
public final class S3MultipartOutputStream extends OutputStream {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final PartSchedule schedule;
    private final PartBuffer part;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final byte[] single = new byte[1];
    private long written;
    private String uploadId;
    private boolean closed;

    /**
     * @param s3 the client
     * @param bucket the bucket
     * @param key the object's key
     * @param contentType the object's content type
     * @param schedule the size of each part
     * @param partStorage where a part waits for its upload
     */
    public S3MultipartOutputStream(S3Client s3, String bucket, String key, String contentType, PartSchedule schedule,
            PartStorage partStorage) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.part = partStorage.newBuffer();
        try {
            part.startPart(schedule.partSize(1));
        } catch (IOException e) {
            throw new UncheckedIOException("no room for the first part of s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        ensureOpen();
        int position = offset;
        int remaining = length;
        try {
            while (remaining > 0) {
                if (part.remaining() == 0) {
                    flushPart();
                }
                int chunk = (int) Math.min(remaining, part.remaining());
                part.write(source, position, chunk);
                position += chunk;
                remaining -= chunk;
                written += chunk;
            }
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    /**
     * @return bytes written so far
     */
    public long bytesWritten() {
        return written;
    }

    /**
     * @return the number of parts uploaded so far (0 while the object still fits in one PutObject)
     */
    public int partsUploaded() {
        return parts.size();
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
                        .contentLength(part.size()).build(), part.body(contentType));
            } else {
                if (part.size() > 0) {
                    flushPart();
                }
                s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                        .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                        .build());
            }
            closed = true;
            part.close();
        } catch (RuntimeException | IOException e) {
            abort();
            throw new IOException("could not complete s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /** Discards what was written; the object never appears. Safe to call more than once. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        part.close();
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId).build());
            } catch (RuntimeException e) {
                // The cleanup aborts multipart uploads left behind (signalbox.cleanup.abandoned-upload-age).
            }
        }
    }

    private void flushPart() throws IOException {
        int partNumber = parts.size() + 1;
        if (partNumber > PartSchedule.MAX_PARTS) {
            throw new IOException("s3://" + bucket + "/" + key + " is larger than S3's largest object ("
                    + PartSchedule.MAX_OBJECT_SIZE + " bytes)");
        }
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                        .contentType(contentType).build()).uploadId();
            }
            String eTag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(part.size()).build(), part.body(contentType)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        } catch (RuntimeException e) {
            throw new IOException("could not upload part " + partNumber + " of s3://" + bucket + "/" + key, e);
        }
        // After the last part S3 allows, the buffer takes nothing more and the next write says why.
        part.startPart(partNumber < PartSchedule.MAX_PARTS ? schedule.partSize(partNumber + 1) : 0);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("s3://" + bucket + "/" + key + " is already closed");
        }
    }
}
