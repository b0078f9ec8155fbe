package io.signalbox.app.admission;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Tells a client answered 429 when to try again, unless the answer already says. */
@ServerFilter("/v1/**")
final class RetryAfterFilter {

    private final String seconds;

    RetryAfterFilter(AdmissionSettings settings) {
        this.seconds = Long.toString(Math.max(1, settings.retryAfter().toSeconds()));
    }

    @ResponseFilter
    void addRetryAfter(MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.TOO_MANY_REQUESTS && !response.getHeaders().contains(HttpHeaders.RETRY_AFTER)) {
            response.header(HttpHeaders.RETRY_AFTER, seconds);
        }
    }
}
