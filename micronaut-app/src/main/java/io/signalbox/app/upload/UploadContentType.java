package io.signalbox.app.upload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.signalbox.app.api.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Content-Type} of an upload: a file sent as the whole body, a multipart form, or the JSON that declares a
 * presigned upload straight to storage.
 *
 * @param value the header as the client sent it
 * @param form whether the body is a multipart form
 * @param presigned whether the body declares a presigned upload ({@code application/json})
 */
public record UploadContentType(String value, boolean form, boolean presigned) {

    /** The media types of a file sent as the whole body. */
    public static final List<String> FILE_TYPES = List.of(MediaType.TEXT_CSV, MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM, "application/gzip", "application/x-gzip");

    private static final String ACCEPTED = String.join(", ", FILE_TYPES) + " (the file as the whole body) or "
            + MediaType.MULTIPART_FORM_DATA + " (a form with the parts recipe, signals, file) or " + MediaType.APPLICATION_JSON
            + " ({\"upload\": \"presigned\", ...}: the file goes straight to storage)";

    /**
     * @param header the request's {@code Content-Type}, or {@code null} when it has none
     * @return the upload's content type
     * @throws ApiException 415 naming the accepted types when the header is missing, not a media type, or not one of
     *     them
     */
    public static UploadContentType of(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw unsupported("the request has no Content-Type");
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            throw unsupported("Content-Type \"" + header + "\" is not a media type");
        }
        if (type.equals(MediaType.MULTIPART_FORM_DATA)) {
            return new UploadContentType(header, true, false);
        }
        if (type.equals(MediaType.APPLICATION_JSON)) {
            return new UploadContentType(header, false, true);
        }
        if (FILE_TYPES.contains(type)) {
            return new UploadContentType(header, false, false);
        }
        throw unsupported("Content-Type \"" + type + "\" is not accepted");
    }

    private static ApiException unsupported(String what) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", what + "; send " + ACCEPTED);
    }
}
