package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;

/**
 * The jobs API: poll, list, summary, cancel or acknowledge. Uploads are {@code upload.UploadController}'s, downloads
 * {@code download.ResultController}'s. Binds, delegates, maps to HTTP.
 */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
final class JobController {

    private final JobService jobs;
    private final ProgressEstimator progress;

    JobController(JobService jobs, ProgressEstimator progress) {
        this.jobs = jobs;
        this.progress = progress;
    }

    @Get("/{id}")
    @Operation(summary = "The job: status, timestamps, sizes, rows, progress while it runs, failure reason, links")
    @ApiResponse(responseCode = "200", description = "the job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobView.class), examples = {
                @ExampleObject(name = "processing", ref = "#/components/examples/ProcessingJob"),
                @ExampleObject(name = "failed", ref = "#/components/examples/FailedJob")}))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    JobView get(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11") @PathVariable String id) {
        return progress.estimate(tenant.id(), jobs.view(jobs.find(tenant, id)));
    }

    @Get
    @Operation(summary = "The caller's jobs, newest first, a page at a time")
    @ApiResponse(responseCode = "200", description = "a page of jobs; `next` is the next page's URL")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    JobPage list(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "only jobs in this status", example = "SUCCEEDED") @Nullable @QueryValue JobStatus status,
            @Parameter(description = "page size, 1 to 200", example = "50") @QueryValue(defaultValue = "50") int limit,
            @Parameter(description = "where the page starts: an earlier page's `next` has it",
                    example = "MjAyNS0wNi0wMVQxMjowMDowMFp8NWYwYzJhNGUtOGExYi00YzQ3LTlhNTUtM2YxZTBkMmI5YzEx")
            @Nullable @QueryValue String cursor) {
        JobPage page = jobs.list(tenant, status, limit, cursor);
        return new JobPage(page.jobs().stream().map(view -> progress.estimate(tenant.id(), view)).toList(), page.next());
    }

    @Get(value = "/{id}/summary", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's summary: what was read and written, the conventions, figures per symbol",
            description = "Kept after the files are deleted. docs/summary.md describes every field.")
    @ApiResponse(responseCode = "200", description = "the summary document", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"),
            examples = @ExampleObject(name = "summary", value = "{\"version\":1,\"recipe\":\"default\","
                    + "\"input\":{\"file\":\"prices.csv\",\"rows\":520},"
                    + "\"symbols\":{\"AAPL\":{\"rows\":260,\"total_return\":0.084,\"sharpe\":0.91}}}")))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    HttpResponse<byte[]> summary(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11") @PathVariable String id) {
        return HttpResponse.ok(jobs.summary(tenant, id).getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Cancels a job that has not finished, or acknowledges a downloaded result: its files go now. */
    @Delete("/{id}")
    @Operation(summary = "Cancel a job that has not finished, or acknowledge a downloaded result: its files are deleted now",
            description = "A result never downloaded is cancelled too. The answer carries the deletion receipt.")
    @ApiResponse(responseCode = "200", description = "the job afterwards")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    JobView cancel(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11") @PathVariable String id) {
        return jobs.view(jobs.cancel(tenant, id));
    }
}
