package io.signalbox.app.api;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Gives the server's own errors (unknown route, wrong method or media type, body too large, a value it cannot bind,
 * an unexpected failure) the same problem-detail shape as ours, whatever the client accepts: a browser asking for
 * HTML gets it too, rather than an HTML page in an API.
 */
@Singleton
final class ProblemResponseProcessor implements ErrorResponseProcessor<ApiError> {

    /** Said instead of an unexpected failure's own message, which may name internals. */
    static final String INTERNAL_DETAIL = "the server failed to answer this request; the failure was logged";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<ApiError>) response;
        }
        HttpStatus status = response.status();
        String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        if (status.getCode() >= 500) {
            detail = INTERNAL_DETAIL;
        } else if (detail.isBlank()) {
            detail = status.getReason();
        }
        return ((MutableHttpResponse<ApiError>) response).contentType(ApiError.MEDIA_TYPE)
                .body(ApiError.of(status, code(status), detail));
    }

    private static String code(HttpStatus status) {
        return switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case INTERNAL_SERVER_ERROR -> "internal_error";
            case REQUEST_URI_TOO_LONG -> "uri_too_long";
            default -> status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                    .replaceAll("^_|_$", "");
        };
    }
}
