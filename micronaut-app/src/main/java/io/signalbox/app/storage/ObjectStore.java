package io.signalbox.app.storage;

import io.micronaut.core.annotation.Nullable;
import io.signalbox.routes.storage.PendingUpload;
import io.signalbox.routes.storage.StorageRoutes;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The application's door to object storage: it goes through the storage routes, so operators see every transfer. */
@Singleton
public final class ObjectStore {

    private final ProducerTemplate camel;

    ObjectStore(ProducerTemplate camel) {
        this.camel = camel;
    }

    /**
     * Streams a body into one object.
     *
     * @param key the object's key
     * @param contentType the object's content type
     * @param contentLength the body's length, or {@code null} when it is not known in advance
     * @param body the bytes, read to the end
     */
    public void store(String key, String contentType, @Nullable Long contentLength, InputStream body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(AWS2S3Constants.KEY, key);
        headers.put(AWS2S3Constants.CONTENT_TYPE, contentType);
        if (contentLength != null) {
            headers.put(AWS2S3Constants.CONTENT_LENGTH, contentLength);
        }
        Exchange exchange = camel.send(StorageRoutes.STORE, ExchangePattern.InOut, e -> {
            e.getMessage().setHeaders(headers);
            e.getMessage().setBody(body);
        });
        rethrow(exchange);
    }

    /**
     * Stores a file a client is uploading, as it arrives, with the uploads' own S3 connections; nothing is logged
     * here, since only the caller knows whether the client or the storage failed.
     *
     * @param key the object's key
     * @param contentType the object's content type
     * @param body the client's bytes, read to the end
     */
    public void receive(String key, String contentType, InputStream body) {
        Exchange exchange = camel.send(StorageRoutes.RECEIVE, ExchangePattern.InOut, e -> {
            e.getMessage().setHeader(AWS2S3Constants.KEY, key);
            e.getMessage().setHeader(AWS2S3Constants.CONTENT_TYPE, contentType);
            e.getMessage().setBody(body);
        });
        rethrow(exchange);
    }

    /**
     * @param key the object's key
     * @return the object's content; the caller closes it
     */
    @SuppressWarnings("unchecked")
    public ResponseInputStream<GetObjectResponse> open(String key) {
        Exchange exchange = camel.send(StorageRoutes.OPEN, ExchangePattern.InOut,
                e -> e.getMessage().setHeader(AWS2S3Constants.KEY, key));
        rethrow(exchange);
        return exchange.getMessage().getBody(ResponseInputStream.class);
    }

    /**
     * @param key the object's key
     * @param first the first byte to read, from 0
     * @param last the last byte to read
     * @return those bytes of the object; the caller closes the stream
     */
    @SuppressWarnings("unchecked")
    public ResponseInputStream<GetObjectResponse> openRange(String key, long first, long last) {
        Exchange exchange = camel.send(StorageRoutes.OPEN_RANGE, ExchangePattern.InOut, e -> {
            e.getMessage().setHeader(AWS2S3Constants.KEY, key);
            e.getMessage().setHeader(AWS2S3Constants.RANGE_START, first);
            e.getMessage().setHeader(AWS2S3Constants.RANGE_END, last);
        });
        rethrow(exchange);
        return exchange.getMessage().getBody(ResponseInputStream.class);
    }

    /**
     * @param key the object's key
     * @return the object's metadata, or empty when there is no such object
     */
    public Optional<HeadObjectResponse> stat(String key) {
        Exchange exchange = camel.send(StorageRoutes.STAT, ExchangePattern.InOut,
                e -> e.getMessage().setHeader(AWS2S3Constants.KEY, key));
        rethrow(exchange);
        return Optional.ofNullable(exchange.getMessage().getBody(HeadObjectResponse.class));
    }

    /**
     * Deletes one object, writing the audit line.
     *
     * @param key the object's key
     * @param reason why, for the audit log
     */
    public void delete(String key, String reason) {
        Exchange exchange = camel.send(StorageRoutes.DELETE_OBJECT, ExchangePattern.InOut, e -> {
            e.getMessage().setHeader(AWS2S3Constants.KEY, key);
            e.setProperty(StorageRoutes.DELETE_REASON, reason);
        });
        rethrow(exchange);
    }

    /**
     * Aborts one multipart upload, so that storage drops its parts, and writes the audit line. An upload that is gone
     * already (completed or aborted) is no failure and gets no line.
     *
     * @param upload the upload
     * @param reason why, for the audit log
     */
    public void abortUpload(PendingUpload upload, String reason) {
        Exchange exchange = camel.send(StorageRoutes.ABORT_UPLOAD, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(upload);
            e.setProperty(StorageRoutes.DELETE_REASON, reason);
        });
        rethrow(exchange);
    }

    /**
     * Deletes everything under a prefix: aborts its unfinished multipart uploads and deletes its objects, writing one
     * audit line for each.
     *
     * @param prefix the prefix, ending in {@code /}
     * @param reason why, for the audit log
     */
    public void deletePrefix(String prefix, String reason) {
        deletePrefix(prefix, reason, null);
    }

    /**
     * Deletes everything under a prefix, as {@link #deletePrefix(String, String)} does, noting each object deleted
     * on the job's deletion receipt.
     *
     * @param prefix the prefix, ending in {@code /}
     * @param reason why, for the audit log
     * @param receiptFor the job whose files these are, or {@code null} when they are not a job's files to account for
     */
    public void deletePrefix(String prefix, String reason, @Nullable String receiptFor) {
        Exchange exchange = camel.send(StorageRoutes.DELETE_PREFIX, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(prefix);
            e.setProperty(StorageRoutes.DELETE_REASON, reason);
            if (receiptFor != null) {
                e.setProperty(StorageRoutes.RECEIPT_FOR, receiptFor);
            }
        });
        rethrow(exchange);
    }

    private static void rethrow(Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new StorageException(failure);
        }
    }
}
