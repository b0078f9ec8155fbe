package io.signalbox.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.s3.S3Client;

/** Copies a stream of unknown length into one S3 object, one part at a time. */
public final class StreamingUpload {

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    /**
     * @param s3 the client
     * @param bucket the bucket
     * @param partSize bytes per part; the memory one upload holds
     */
    public StreamingUpload(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /**
     * @param key the object's key
     * @param contentType the object's content type
     * @param body the bytes, read to the end
     * @return bytes stored
     * @throws UncheckedIOException when reading the body or writing to S3 fails; nothing is stored then
     */
    public long upload(String key, String contentType, InputStream body) {
        S3MultipartOutputStream out = new S3MultipartOutputStream(s3, bucket, key, contentType, partSize);
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
}
