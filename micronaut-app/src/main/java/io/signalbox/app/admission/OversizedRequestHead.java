package io.signalbox.app.admission;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.signalbox.app.api.ApiException;
import jakarta.inject.Singleton;

/**
 * Names what was too large about a request the server could not read: its request line ({@code 414}) or its headers
 * ({@code 431}). By itself the server answers both {@code 413}, as if the body were at fault.
 *
 * <p>The server answers such a request through the status route for 413, if there is one, and that route cannot bind
 * its arguments from a request that was never read: that raises the exception that ended the reading, which
 * {@link TooLongHandler} answers. The route's own body runs only for a 413 that no such exception explains.
 */
@Controller
final class OversizedRequestHead {

    /**
     * @return never; the answer is an exception
     */
    @Error(status = HttpStatus.REQUEST_ENTITY_TOO_LARGE, global = true)
    HttpResponse<?> tooLarge() {
        throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                "the request is larger than the server accepts");
    }

    /** Answers a request line or headers too long to read with the status that says which. */
    @Produces
    @Singleton
    static final class TooLongHandler implements ExceptionHandler<TooLongFrameException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> errors;
        private final int maxLine;
        private final int maxHeaders;

        TooLongHandler(ErrorResponseProcessor<?> errors, NettyHttpServerConfiguration server) {
            this.errors = errors;
            this.maxLine = server.getMaxInitialLineLength();
            this.maxHeaders = server.getMaxHeaderSize();
        }

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the request raw; an override cannot add <?>
        public HttpResponse<?> handle(HttpRequest request, TooLongFrameException exception) {
            HttpStatus status;
            String text;
            if (exception instanceof TooLongHttpLineException) {
                status = HttpStatus.REQUEST_URI_TOO_LONG;
                text = "the request line (method, path and query) is longer than " + maxLine
                        + " bytes, the most the server reads";
            } else if (exception instanceof TooLongHttpHeaderException) {
                status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                text = "the request headers are larger than " + maxHeaders + " bytes, the most the server reads";
            } else {
                status = HttpStatus.REQUEST_ENTITY_TOO_LARGE;
                text = "the request is larger than the server accepts";
            }
            return errors.processResponse(ErrorContext.builder(request).errorMessage(text).build(),
                    HttpResponse.status(status));
        }
    }
}
