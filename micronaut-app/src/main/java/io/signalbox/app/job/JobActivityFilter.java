package io.signalbox.app.job;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Every request to the jobs API is job activity. */
@ServerFilter("/v1/**")
final class JobActivityFilter {

    private final JobActivity activity;

    JobActivityFilter(JobActivity activity) {
        this.activity = activity;
    }

    @RequestFilter
    void seen(HttpRequest<?> request) {
        activity.seen();
    }
}
