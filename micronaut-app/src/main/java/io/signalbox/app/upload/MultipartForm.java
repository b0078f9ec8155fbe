package io.signalbox.app.upload;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadBase;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;

/**
 * A {@code multipart/form-data} body read part by part as it arrives: each part's content is a stream over the
 * request body itself, valid until the next part is asked for. Nothing is buffered beyond the parser's window.
 */
public final class MultipartForm {

    private static final int MAX_PARTS = 16;
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    private final FileItemIterator items;

    /**
     * @param body the request body
     * @param contentType the request's content type, with its boundary
     * @param maxBytes the largest body accepted
     * @throws ApiException 400 when the body is not a multipart form
     */
    public MultipartForm(InputStream body, String contentType, long maxBytes) {
        FileUpload upload = new FileUpload();
        upload.setSizeMax(maxBytes);
        upload.setFileCountMax(MAX_PARTS);
        upload.setPartHeaderSizeMax(MAX_PART_HEADER_BYTES);
        try {
            this.items = upload.getItemIterator(new Body(body, contentType));
        } catch (FileUploadException | IOException e) {
            throw malformed(e);
        }
    }

    /**
     * @return the next part, or {@code null} after the last
     * @throws ApiException 400 for a malformed body, 413 when it is too large
     */
    public Part next() {
        try {
            if (!items.hasNext()) {
                return null;
            }
            FileItemStream item = items.next();
            return new Part(item.getFieldName(), item.getName(), item.getContentType(), item.openStream());
        } catch (FileUploadBase.SizeLimitExceededException e) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", e.getMessage());
        } catch (FileUploadException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the multipart body failed: " + e.getMessage(), e);
        }
    }

    private static ApiException malformed(Exception e) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the body is not a valid multipart form: " + e.getMessage());
    }

    /**
     * One part of the form.
     *
     * @param name the form field's name
     * @param fileName the file name the client gave, or {@code null}
     * @param contentType the part's content type, or {@code null}
     * @param content the part's bytes; valid until the next part is asked for
     */
    public record Part(String name, String fileName, String contentType, InputStream content) {

        /**
         * @param maxChars the most characters accepted
         * @return the part's content as UTF-8 text
         * @throws ApiException 413 when the part is longer
         */
        public String text(int maxChars) {
            try {
                byte[] bytes = content.readNBytes(maxChars * 4 + 1);
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (bytes.length > maxChars * 4 || text.length() > maxChars) {
                    throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                            "the part \"" + name + "\" is longer than " + maxChars + " characters");
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * @return whether the client sent the part as gzip
         */
        public boolean gzip() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("gzip");
        }
    }

    private record Body(InputStream stream, String contentType) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return -1;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public InputStream getInputStream() {
            return stream;
        }
    }
}
