package io.signalbox.app.webhook;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.job.JobService;
import io.signalbox.app.tenant.Tenant;

/** A job's webhook events and every attempt to deliver them. */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeliveryController {

    private final JobService jobs;
    private final DeliveryHistory history;

    DeliveryController(JobService jobs, DeliveryHistory history) {
        this.jobs = jobs;
        this.history = history;
    }

    @Get("/{id}/deliveries")
    DeliveriesView deliveries(Tenant tenant, @PathVariable String id) {
        return history.of(jobs.find(tenant, id));
    }
}
