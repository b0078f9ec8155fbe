package io.signalbox.app.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.stream.Collectors;

/** Gives the server's own errors (unknown route, wrong media type, body too large, …) the same shape as ours. */
@Singleton
final class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        String message = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return new ApiError(code(status), message.isBlank() ? status.getReason() : message);
    }

    private static String code(HttpStatus status) {
        return switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case INTERNAL_SERVER_ERROR -> "internal_error";
            default -> status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        };
    }
}
