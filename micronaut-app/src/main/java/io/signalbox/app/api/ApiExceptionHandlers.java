package io.signalbox.app.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.signalbox.processors.BadInputException;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.recipe.RecipeException;
import jakarta.inject.Singleton;
import java.util.Arrays;

/** Turns the application's typed exceptions into problem details. */
final class ApiExceptionHandlers {

    private ApiExceptionHandlers() {
    }

    @Produces(ApiError.MEDIA_TYPE)
    @Singleton
    @Requires(classes = {ApiException.class, ExceptionHandler.class})
    static final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the request raw; an override cannot add <?>
        public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
            return ApiError.of(exception.status(), exception.code(), exception.getMessage()).toResponse();
        }
    }

    @Produces(ApiError.MEDIA_TYPE)
    @Singleton
    @Requires(classes = {BadInputException.class, ExceptionHandler.class})
    static final class BadInputHandler implements ExceptionHandler<BadInputException, HttpResponse<ApiError>> {

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the request raw; an override cannot add <?>
        public HttpResponse<ApiError> handle(HttpRequest request, BadInputException exception) {
            return toError(exception).toResponse();
        }
    }

    /** A query value, header or path variable that is not of its type, named with what it should be. */
    @Produces(ApiError.MEDIA_TYPE)
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    @Requires(classes = {ConversionErrorException.class, ExceptionHandler.class})
    static final class ParameterConversionHandler
            implements ExceptionHandler<ConversionErrorException, HttpResponse<ApiError>> {

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the request raw; an override cannot add <?>
        public HttpResponse<ApiError> handle(HttpRequest request, ConversionErrorException exception) {
            Argument<?> argument = exception.getArgument();
            Object found = exception.getConversionError().getOriginalValue().orElse(null);
            return ApiError.of(HttpStatus.BAD_REQUEST, "bad_request", "parameter " + argument.getName() + ": \""
                    + found + "\" is invalid; expected " + expected(argument.getType())).toResponse();
        }

        private static String expected(Class<?> type) {
            if (type.isEnum()) {
                return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                return "an integer";
            }
            return "a value of type " + type.getSimpleName();
        }
    }

    /**
     * @param exception bad input
     * @return the problem, a 422 naming where it is
     */
    static ApiError toError(BadInputException exception) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
        if (exception instanceof RecipeException recipe) {
            return ApiError.located(status, recipe.code(), recipe.getMessage(), recipe.path(), null, null, null);
        }
        if (exception instanceof CsvFormatException csv) {
            return ApiError.located(status, csv.code(), csv.getMessage(), null, csv.file(), csv.line(), csv.column());
        }
        return ApiError.of(status, exception.code(), exception.getMessage());
    }
}
