package io.signalbox.app.upload;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.MultipartStream;
import org.apache.commons.fileupload.UploadContext;

/**
 * A {@code multipart/form-data} upload read part by part as it arrives: each part's content is a stream over the
 * request body itself, valid until the next part is asked for. Nothing is buffered beyond the parser's window.
 *
 * <p>The parts come in the order {@code recipe}, {@code signals}, {@code file}, the first two optional, and nothing
 * follows {@code file}: a part out of that order or after the file, and a body that ends without its closing
 * boundary, are answered 400 naming the part. The file's content checks the end of the form as it ends, so that
 * the file is never stored, and its job never runs, when what follows it is wrong.
 */
public final class MultipartForm {

    /** The parts a form may have, in the order they must come. */
    public static final List<String> PARTS = List.of("recipe", "signals", "file");

    private static final int MAX_PARTS = 16;
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;
    private static final String ORDER = "the parts must come in the order recipe, signals, file (the first two optional),"
            + " with nothing after file";

    private final FileItemIterator items;
    private String previous;

    /**
     * @param body the request body
     * @param contentType the request's content type, with its boundary
     * @throws ApiException 400 when the body is not a multipart form
     */
    public MultipartForm(InputStream body, String contentType) {
        FileUpload upload = new FileUpload();
        upload.setFileCountMax(MAX_PARTS);
        upload.setPartHeaderSizeMax(MAX_PART_HEADER_BYTES);
        try {
            this.items = upload.getItemIterator(new Body(body, contentType));
        } catch (FileUploadException e) {
            throw malformed(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the multipart body failed: " + e.getMessage(), e);
        }
    }

    /**
     * @return the next part, or {@code null} after the last
     * @throws ApiException 400 for a malformed body, a part of another name or out of order
     */
    public Part next() {
        FileItemStream item = nextItem();
        if (item == null) {
            return null;
        }
        String name = item.getFieldName();
        int position = PARTS.indexOf(name);
        if (position < 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the form has an unknown part \"" + name
                    + "\"; " + ORDER);
        }
        if (previous != null && position <= PARTS.indexOf(previous)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the part \"" + name + "\" came after the part \""
                    + previous + "\"; " + ORDER);
        }
        previous = name;
        try {
            return new Part(name, item.getName(), item.getContentType(), new PartContent(name, item.openStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the multipart body failed: " + e.getMessage(), e);
        }
    }

    private FileItemStream nextItem() {
        try {
            return items.hasNext() ? items.next() : null;
        } catch (FileUploadException e) {
            throw malformed(e.getMessage());
        } catch (MultipartStream.MalformedStreamException e) {
            throw endedEarly(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the multipart body failed: " + e.getMessage(), e);
        }
    }

    private static ApiException malformed(String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the body is not a valid multipart form: " + why);
    }

    private static ApiException endedEarly(String part) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the multipart form ended "
                + (part == null ? "" : "in or after the part \"" + part + "\" ") + "without its closing boundary");
    }

    /**
     * One part of the form.
     *
     * @param name the form field's name, one of {@link #PARTS}
     * @param fileName the file name the client gave, or {@code null}
     * @param contentType the part's content type, or {@code null}
     * @param content the part's bytes; valid until the next part is asked for. The content of {@code file} ends
     *     only once the form has ended properly; otherwise reading it fails with a 400 {@link ApiException}.
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

    /** A part's bytes, failing with a 400 where the form is cut short, and checking the form's end after the file. */
    private final class PartContent extends BlockInputStream {

        private final String name;
        private final InputStream content;

        PartContent(String name, InputStream content) {
            this.name = name;
            this.content = content;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read;
            try {
                read = content.read(buffer, offset, length);
            } catch (MultipartStream.MalformedStreamException e) {
                throw endedEarly(name);
            }
            if (read < 0 && name.equals("file")) {
                FileItemStream after = nextItem();
                if (after != null) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the part \"" + after.getFieldName()
                            + "\" came after the part \"file\"; " + ORDER);
                }
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            content.close();
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
