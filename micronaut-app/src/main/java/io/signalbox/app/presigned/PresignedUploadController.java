package io.signalbox.app.presigned;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.JobView;
import io.signalbox.app.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;

/**
 * The upload of a job created with {@code {"upload":"presigned",…}}: what storage has and URLs for the rest (to
 * resume), URLs for parts with their checksums, completing and aborting. Binds, delegates, maps to HTTP.
 */
@Controller("/v1/jobs/{id}/upload")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "presigned uploads", description = "Uploading straight to storage in parts, resuming, completing")
@ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
@ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
final class PresignedUploadController {

    private static final String JOB_ID_EXAMPLE = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11";

    private final PresignedUploadService uploads;

    PresignedUploadController(PresignedUploadService uploads) {
        this.uploads = uploads;
    }

    /** The parts storage has, and fresh URLs for the ones it lacks: what a client resumes from. */
    @Get
    @Operation(summary = "The parts storage has, with their ETags, and fresh URLs for the parts it lacks",
            description = "How a client resumes an interrupted presigned upload.")
    @ApiResponse(responseCode = "200", description = "the upload's state")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    UploadState state(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = JOB_ID_EXAMPLE) @PathVariable String id) {
        return uploads.state(tenant, id);
    }

    /** URLs for the parts named, {@code {"parts":[{"partNumber":1,"checksumSHA256":"…"},…]}}. */
    @Post(value = "/parts", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "URLs for the parts named, each bound to its SHA-256 when the upload takes checksums",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = "object"), examples = @ExampleObject(name = "parts", value =
                    "{\"parts\": [{\"partNumber\": 1, \"checksumSHA256\": \"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}]}"))))
    @ApiResponse(responseCode = "200", description = "a URL per part named")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/UnprocessableContent")
    UploadState.IssuedUrls partUrls(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = JOB_ID_EXAMPLE) @PathVariable String id,
            @Parameter(hidden = true) @Nullable @Body InputStream body) {
        return uploads.partUrls(tenant, id, UploadRequests.partUrls(required(body)));
    }

    /** Completes the upload, {@code {"parts":[{"partNumber":1,"etag":"…"},…]}}; the job is queued soon after. */
    @Post(value = "/complete", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete the upload with every part's ETag, in S3's own shape; the job is queued soon after",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = "object"), examples = @ExampleObject(name = "parts", value =
                    "{\"parts\": [{\"partNumber\": 1, \"etag\": \"\\\"9b2cf535f27731c974343645a3985328\\\"\"}]}"))))
    @ApiResponse(responseCode = "200", description = "the job, its upload completed")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    JobView complete(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = JOB_ID_EXAMPLE) @PathVariable String id,
            @Parameter(hidden = true) @Nullable @Body InputStream body) {
        return JobView.of(uploads.complete(tenant, id, UploadRequests.completion(required(body))));
    }

    /** Aborts the upload: its parts are dropped and the job is cancelled. */
    @Delete
    @Operation(summary = "Abort the upload: storage drops its parts and the job is cancelled")
    @ApiResponse(responseCode = "200", description = "the job, cancelled")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    JobView abort(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = JOB_ID_EXAMPLE) @PathVariable String id) {
        return JobView.of(uploads.abort(tenant, id));
    }

    private static InputStream required(@Nullable InputStream body) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the request has no body; expected"
                    + " {\"parts\": [...]}");
        }
        return body;
    }
}
