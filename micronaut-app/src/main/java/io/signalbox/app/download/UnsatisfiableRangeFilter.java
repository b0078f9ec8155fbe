package io.signalbox.app.download;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Adds <code>Content-Range: bytes *&#47;LENGTH</code> to a 416 answer about a result, as RFC 9110 §15.5.17 asks,
 * so that the client learns the result's length; the error body itself is rendered like every other error.
 */
@ServerFilter("/v1/jobs/*/result")
final class UnsatisfiableRangeFilter {

    /** Request attribute: the length of the representation a {@code Range} could not be satisfied from. */
    static final String REPRESENTATION_LENGTH = "signalbox.representation-length";

    @ResponseFilter
    void contentRange(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE) {
            request.getAttribute(REPRESENTATION_LENGTH, Long.class)
                    .ifPresent(length -> response.header(HttpHeaders.CONTENT_RANGE, "bytes */" + length));
        }
    }
}
