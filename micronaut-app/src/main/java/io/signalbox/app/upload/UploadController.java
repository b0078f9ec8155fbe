package io.signalbox.app.upload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.signalbox.app.admission.UploadAdmission;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.JobService;
import io.signalbox.app.job.JobView;
import io.signalbox.app.presigned.PresignedUploadService;
import io.signalbox.app.presigned.UploadState;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.app.webhook.CallbackUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * {@code POST /v1/jobs}: a file sent as the whole body ({@code curl --data-binary @prices.csv -H 'Content-Type:
 * text/csv'}), or a multipart form with the parts {@code recipe} (a recipe document) and {@code signals} (a signals
 * file), both optional, then {@code file}.
 *
 * <p>What can be decided from the request's head (content type, declared length, query values, the tenant's place
 * among the uploads in progress) is decided here, on the event loop, before a byte of the body is read and without
 * waiting. An admitted upload then runs on the {@value #EXECUTOR} executor, which has a thread for every upload the
 * admission lets in, so an admitted upload never queues and the threads of other requests never carry uploads.
 */
@Controller("/v1/jobs")
@Tag(name = "jobs")
final class UploadController {

    /** The executor uploads run on: {@code micronaut.executors.uploads}. */
    static final String EXECUTOR = "uploads";

    private final UploadService uploads;
    private final UploadAdmission admission;
    private final UploadSettings settings;
    private final ExecutorService executor;
    private final ExecutorService blocking;

    UploadController(UploadService uploads, UploadAdmission admission, UploadSettings settings,
            @Named(EXECUTOR) ExecutorService executor, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.uploads = uploads;
        this.admission = admission;
        this.settings = settings;
        this.executor = executor;
        this.blocking = blocking;
    }

    @Post(consumes = MediaType.ALL)
    @Operation(summary = "Upload a file and create its job, or declare a presigned upload straight to storage",
            description = "The body is the file (CSV, optionally gzip-compressed), or a multipart form with the parts "
                    + "`recipe`, `signals` and `file` in that order: the file streams to storage as it arrives and the "
                    + "job is queued once it is stored. Or the body is JSON declaring a presigned upload: the answer has "
                    + "a presigned URL per part, and the parts go straight to storage (docs/presigned-uploads.md).",
            requestBody = @RequestBody(required = true, content = {
                @Content(mediaType = MediaType.TEXT_CSV, schema = @Schema(type = "string", format = "binary"),
                        examples = @ExampleObject(name = "prices", value = "date,symbol,open,high,low,close,volume\n"
                                + "2024-01-02,AAPL,187.15,188.44,183.89,185.64,82488700")),
                @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(ref = "#/components/schemas/UploadForm")),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/PresignedUpload"))}))
    @ApiResponse(responseCode = "202", description = "the job was created; `Location` is its URL (for a presigned "
            + "upload the answer is the upload: the job, `partSize` and a URL per part)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "200", description = "a retry with the same `Idempotency-Key`: the job made then")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "408", ref = "#/components/responses/RequestTimeout")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/UnprocessableContent")
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    CompletableFuture<HttpResponse<?>> upload(@Parameter(hidden = true) Tenant tenant,
            @Parameter(hidden = true) HttpRequest<?> request,
            @Parameter(hidden = true) @Nullable @Body InputStream body,
            @Parameter(description = "a preset's name; the default preset without it", example = "default")
            @Nullable @QueryValue("recipe") String preset,
            @Parameter(description = "the file's name, kept with the job and used for the result's", example = "prices.csv")
            @Nullable @QueryValue("name") String name,
            @Parameter(description = "an http(s) URL that receives the job's events as signed webhooks",
                    example = "https://example.com/hooks/signalbox")
            @Nullable @QueryValue(CallbackUrls.FIELD) String callbackUrl,
            @Parameter(description = "makes a retry within 24 h answer the same job (1 to 255 characters)",
                    example = "upload-2025-06-01-a")
            @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        UploadRequest upload;
        try {
            upload = UploadRequest.of(request.getHeaders(), body != null, settings.maxBytes(), preset, name,
                    idempotencyKey, callbackUrl);
        } catch (RuntimeException refused) {
            discard(body);
            throw refused;
        }
        if (upload.contentType().presigned()) {
            // A declaration of a few hundred bytes: no place among the uploads, no upload thread.
            return onto(blocking, () -> presigned(uploads.presigned(tenant, upload, body)), body, () -> { });
        }
        UploadAdmission.Permit permit;
        try {
            permit = admission.admit(tenant.id());
        } catch (RuntimeException refused) {
            discard(body);
            throw refused;
        }
        Supplier<HttpResponse<?>> receive = () -> {
            try (permit) {
                return created(uploads.receive(tenant, upload, body));
            }
        };
        return onto(executor, receive, body, permit::close);
    }

    private static CompletableFuture<HttpResponse<?>> onto(ExecutorService threads, Supplier<HttpResponse<?>> work,
            @Nullable InputStream body, Runnable release) {
        try {
            return CompletableFuture.supplyAsync(PropagatedContext.get().wrap(work), threads);
        } catch (RejectedExecutionException e) {
            release.run();
            discard(body);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down",
                    "the service is stopping and takes no uploads; try again");
        }
    }

    /**
     * Lets the server read the rest of a refused body and drop it, so that a client still sending it gets to read
     * the answer; a body left unread would hold the client until it timed out.
     */
    private static void discard(@Nullable InputStream body) {
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                // nothing was kept of it
            }
        }
    }

    private static HttpResponse<UploadState> presigned(PresignedUploadService.Creation creation) {
        MutableHttpResponse<UploadState> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, creation.upload().job().links().get("self"))
                .body(creation.upload());
    }

    private static HttpResponse<JobView> created(JobService.Creation creation) {
        JobView view = JobView.of(creation.job());
        MutableHttpResponse<JobView> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, view.links().get("self")).body(view);
    }
}
