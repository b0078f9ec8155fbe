package io.signalbox.app.webhook;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.job.JobService;
import io.signalbox.app.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A job's webhook events and every attempt to deliver them. */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
final class DeliveryController {

    private final JobService jobs;
    private final DeliveryHistory history;

    DeliveryController(JobService jobs, DeliveryHistory history) {
        this.jobs = jobs;
        this.history = history;
    }

    @Get("/{id}/deliveries")
    @Operation(summary = "The job's webhook events and every attempt to deliver them: time, status code, latency, error")
    @ApiResponse(responseCode = "200", description = "the job's events, oldest first, each with its attempts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveriesView.class)))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    DeliveriesView deliveries(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11") @PathVariable String id) {
        return history.of(jobs.find(tenant, id));
    }
}
