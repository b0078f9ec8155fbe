package io.signalbox.app.upload;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.processors.BadInputException;
import java.util.Optional;

/**
 * Why an upload ended without its file, told apart by what the client did: it sent too much or too slowly, its
 * connection ended, its form was wrong, or (none of these) the service could not store what it sent.
 *
 * @param code the answer's error code, also the failed job's
 * @param reason what happened, for the client, the failed job and the log; never an object key or a class name
 * @param byClient whether the client is at fault, so the failure is no news for operators
 * @param answer the exception to answer with
 */
record UploadFailure(String code, String reason, boolean byClient, RuntimeException answer) {

    /**
     * @param failure what ended the upload
     * @param body the client's body as far as it was read
     * @param settings the upload limits
     * @return what to answer and record
     */
    static UploadFailure of(RuntimeException failure, ClientBody body, UploadSettings settings) {
        Optional<ClientBody.Failure> client = body.failure();
        if (client.isPresent()) {
            return switch (client.get()) {
                case TOO_LARGE -> of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "the upload is larger than "
                        + settings.maxBytes() + " bytes, the most accepted (signalbox.upload.max-bytes)");
                case TOO_SLOW -> of(HttpStatus.REQUEST_TIMEOUT, "upload_too_slow", "the upload was stopped after "
                        + body.bytesRead() + " bytes: it arrived slower than " + settings.minBytesPerSecond()
                        + " bytes per second for " + settings.slowTimeout().toSeconds() + " s; send it over a faster"
                        + " connection");
                case CUT_OFF -> of(HttpStatus.BAD_REQUEST, "upload_interrupted", "the connection ended after "
                        + body.bytesRead() + " bytes, before the whole upload had arrived");
            };
        }
        if (failure instanceof ApiException api) {
            return new UploadFailure(api.code(), api.getMessage(), true, api);
        }
        if (failure instanceof BadInputException bad) {
            return new UploadFailure(bad.code(), bad.getMessage(), true, bad);
        }
        String reason = "the file could not be stored after " + body.bytesRead() + " bytes had arrived; nothing of it"
                + " was kept; try again later";
        return new UploadFailure("storage_unavailable", reason, false,
                new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "storage_unavailable", reason));
    }

    private static UploadFailure of(HttpStatus status, String code, String reason) {
        return new UploadFailure(code, reason, true, new ApiException(status, code, reason));
    }
}
