package io.signalbox.app.upload;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * An upload answered 408 or 413 has a body the server will not read: it is too slow to wait for, or larger than
 * allowed. Its connection closes after the answer, so that the server reads no more of it. Other refusals leave the
 * connection open and the server reads the rest of the body and discards it, so that a client still sending sees
 * the answer instead of a reset connection (a client that sends {@code Expect: 100-continue} sends no body at all).
 */
@ServerFilter(value = "/v1/jobs", methods = HttpMethod.POST)
final class RefusedUploadFilter {

    @ResponseFilter
    void closeAfterUnreadBody(MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.REQUEST_TIMEOUT || response.status() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
    }
}
