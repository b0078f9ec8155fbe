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

/** Turns the application's typed exceptions into JSON error answers. */
final class ApiExceptionHandlers {

    private ApiExceptionHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {ApiException.class, ExceptionHandler.class})
    static final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
            return HttpResponse.<ApiError>status(exception.status())
                    .body(new ApiError(exception.code(), exception.getMessage()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {BadInputException.class, ExceptionHandler.class})
    static final class BadInputHandler implements ExceptionHandler<BadInputException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, BadInputException exception) {
            return HttpResponse.<ApiError>status(HttpStatus.UNPROCESSABLE_ENTITY).body(toError(exception));
        }
    }

    /** A query value, header or path variable that is not of its type, named with what it should be. */
    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    @Requires(classes = {ConversionErrorException.class, ExceptionHandler.class})
    static final class ParameterConversionHandler
            implements ExceptionHandler<ConversionErrorException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConversionErrorException exception) {
            Argument<?> argument = exception.getArgument();
            Object found = exception.getConversionError().getOriginalValue().orElse(null);
            return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request",
                    "parameter " + argument.getName() + ": \"" + found + "\" is invalid; expected "
                            + expected(argument.getType())));
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
     * @return the error body naming where the problem is
     */
    static ApiError toError(BadInputException exception) {
        if (exception instanceof RecipeException recipe) {
            return new ApiError(recipe.code(), recipe.getMessage(), recipe.path(), null, null, null);
        }
        if (exception instanceof CsvFormatException csv) {
            return new ApiError(csv.code(), csv.getMessage(), null, csv.file(), csv.line(), csv.column());
        }
        return new ApiError(exception.code(), exception.getMessage());
    }
}
