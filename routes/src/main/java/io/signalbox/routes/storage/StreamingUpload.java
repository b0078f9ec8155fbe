package io.signalbox.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes objects whose length is not known in advance, one part at a time, with parts that grow as the object does
 * (see {@link PartSchedule}).
 */
public final class StreamingUpload {

    private final S3Client s3;
    private final String bucket;
    private final PartSchedule schedule;
    private final PartStorage partStorage;

    /**
     * @param s3 the client
     * @param bucket the bucket
     * @param schedule the size of each part
     * @param partStorage where a part waits for its upload: memory, or local disk for large parts
     */
    public StreamingUpload(S3Client s3, String bucket, PartSchedule schedule, PartStorage partStorage) {
        this.s3 = s3;
        this.bucket = bucket;
        this.schedule = schedule;
        this.partStorage = partStorage;
    }

    /**
     * @param key the object's key
     * @param contentType the object's content type
     * @param body the bytes, read to the end
     * @return bytes stored
     * @throws UncheckedIOException when reading the body or writing to S3 fails; nothing is stored then
     */
    public long upload(String key, String contentType, InputStream body) {
        S3MultipartOutputStream out = open(key, contentType);
        try {
            body.transferTo(out);
            out.close();
            return out.bytesWritten();
        } catch (IOException e) {
            out.abort();
            throw new UncheckedIOException("upload to " + key + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /**
     * @param key the object's key
     * @param contentType the object's content type, which downloads of it answer with
     * @return a stream that writes the object; closing it completes the object, aborting it discards it
     */
    public S3MultipartOutputStream open(String key, String contentType) {
        return new S3MultipartOutputStream(s3, bucket, key, contentType, schedule, partStorage);
    }

    /**
     * @param contentLength a body's length, or {@code null} when it is not known
     * @return whether parts of the first size hold a body of that length within S3's 10,000 parts, so that it can be
     *     streamed straight through without holding a part; otherwise it goes through {@link #upload}
     */
    public boolean fitsFixedParts(Long contentLength) {
        return contentLength != null && schedule.fitsFirstPartSize(contentLength);
    }

    /**
     * @return the bucket objects are written to
     */
    public String bucket() {
        return bucket;
    }
}
