package io.signalbox.app.upload;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * An upload answered with an error has not had its body read to the end: it was refused from its head, stopped
 * while it arrived, or its form was wrong. Its connection closes after the answer, so that the server reads no
 * more of a body it will not use, and a client still sending learns at once.
 */
@ServerFilter(value = "/v1/jobs", methods = HttpMethod.POST)
final class RefusedUploadFilter {

    @ResponseFilter
    void closeAfterRefusal(MutableHttpResponse<?> response) {
        if (response.code() >= 400) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
    }
}
