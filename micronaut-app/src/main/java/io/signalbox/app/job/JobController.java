package io.signalbox.app.job;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.presigned.PresignedUploadCommand;
import io.signalbox.app.presigned.PresignedUploadService;
import io.signalbox.app.presigned.UploadState;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.app.upload.MultipartForm;
import io.signalbox.app.webhook.CallbackUrls;
import io.signalbox.processors.recipe.Recipes;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The jobs API: upload, poll, list, summary, cancel or acknowledge (downloads are {@code ResultController}'s). Binds,
 * delegates, maps to HTTP.
 */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
final class JobController {

    private static final String DEFAULT_PRESET = "default";
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final int MAX_RECIPE_CHARS = 64 * 1024;

    private final JobService jobs;
    private final CallbackUrls callbackUrls;
    private final ProgressEstimator progress;
    private final PresignedUploadService presignedUploads;
    private final long maxUploadBytes;

    JobController(JobService jobs, CallbackUrls callbackUrls, ProgressEstimator progress,
            PresignedUploadService presignedUploads, @Value("${signalbox.upload.max-bytes}") long maxUploadBytes) {
        this.jobs = jobs;
        this.callbackUrls = callbackUrls;
        this.progress = progress;
        this.presignedUploads = presignedUploads;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The file is the whole body, e.g. {@code curl --data-binary @prices.csv -H 'Content-Type: text/csv'}. */
    @Post(consumes = {MediaType.TEXT_CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM,
            "application/gzip", "application/x-gzip"})
    @Operation(summary = "Upload a file and create its job",
            description = "The body is the file (CSV, optionally gzip-compressed), or a multipart form with the parts "
                    + "`recipe`, `signals` and `file` in that order. The file streams to storage as it arrives; the job "
                    + "is queued once it is stored.",
            requestBody = @RequestBody(required = true, content = {
                @Content(mediaType = MediaType.TEXT_CSV, schema = @Schema(type = "string", format = "binary"),
                        examples = @ExampleObject(name = "prices", value = "date,symbol,open,high,low,close,volume\n"
                                + "2024-01-02,AAPL,187.15,188.44,183.89,185.64,82488700")),
                @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(ref = "#/components/schemas/UploadForm")),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/PresignedUpload"))}))
    @ApiResponse(responseCode = "202", description = "the job was created; `Location` is its URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "200", description = "a retry with the same `Idempotency-Key`: the job made then")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/UnprocessableContent")
    HttpResponse<JobView> upload(@Parameter(hidden = true) Tenant tenant,
            @Parameter(hidden = true) @Nullable @Body InputStream body,
            @Parameter(description = "a preset's name; the default preset without it", example = "default")
            @Nullable @QueryValue("recipe") String preset,
            @Parameter(description = "the file's name, kept with the job and used for the result's", example = "prices.csv")
            @Nullable @QueryValue("name") String name,
            @Parameter(description = "an http(s) URL that receives the job's events as signed webhooks",
                    example = "https://example.com/hooks/signalbox")
            @Nullable @QueryValue(CallbackUrls.FIELD) String callbackUrl,
            @Parameter(description = "makes a retry answer the same job (1 to 255 characters)", example = "upload-2025-06-01-a")
            @Nullable @Header("Idempotency-Key") String idempotencyKey,
            @Parameter(hidden = true) @Nullable @Header(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @Parameter(hidden = true) @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload",
                    "the request has no body; send the CSV file as the body (curl --data-binary @FILE)");
        }
        CreateJobCommand command = command(fileName(name), contentType, preset, null, idempotencyKey,
                callbackUrls.accept(tenant.id(), callbackUrl));
        return created(jobs.create(tenant, command, body, contentLength));
    }

    /**
     * A multipart form, in this order: an optional part {@code recipe} (a recipe document), an optional part
     * {@code signals} (a signals file joined to the prices on symbol and time), then the part {@code file} (the
     * prices). Each part is streamed as it arrives, so no file is held anywhere.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Hidden // described with upload(): a document has one operation per path and method
    HttpResponse<JobView> uploadForm(Tenant tenant, @Nullable @Body InputStream body,
            @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Nullable @QueryValue("recipe") String preset,
            @Nullable @QueryValue("name") String name, @Nullable @QueryValue(CallbackUrls.FIELD) String callbackUrl,
            @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload", "the request has no body; send the file as the part \"file\"");
        }
        String acceptedCallbackUrl = callbackUrls.accept(tenant.id(), callbackUrl);
        MultipartForm form = new MultipartForm(body, contentType, maxUploadBytes);
        String recipeJson = null;
        JobService.Creation begun = null;
        for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
            switch (part.name()) {
                case "recipe" -> {
                    if (begun != null) {
                        throw outOfOrder();
                    }
                    recipeJson = part.text(MAX_RECIPE_CHARS);
                }
                case "signals", "file" -> {
                    if (begun == null) {
                        if (recipeJson != null && preset != null) {
                            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                                    "both ?recipe=" + preset + " and a recipe part were given; give one");
                        }
                        String firstName = part.name().equals("file") ? fileName(name != null ? name : part.fileName())
                                : fileName(name);
                        begun = jobs.begin(tenant, command(firstName, MediaType.TEXT_CSV, preset, recipeJson,
                                idempotencyKey, acceptedCallbackUrl));
                        if (begun.job().uploadedAt() != null) {
                            return created(begun);
                        }
                    }
                    String partType = part.contentType() == null ? MediaType.TEXT_CSV : part.contentType();
                    if (part.name().equals("signals")) {
                        jobs.uploadSignals(begun, fileName(part.fileName()), partType, part.content());
                    } else {
                        return created(jobs.uploadInput(begun, fileName(name != null ? name : part.fileName()), partType,
                                part.content(), null));
                    }
                }
                default -> throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "unknown part \""
                        + part.name() + "\"; expected \"recipe\" and \"signals\" (both optional) and then \"file\"");
            }
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the form has no part \"file\"");
    }

    /**
     * A JSON body {@code {"upload":"presigned","name","size","sha256"?,"recipe"|"preset","signals"?}}: the file goes
     * straight to storage, in parts, through the presigned URLs answered here.
     */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Hidden // described with upload(): a document has one operation per path and method
    HttpResponse<UploadState> uploadPresigned(Tenant tenant, @Nullable @Body InputStream body,
            @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload", "the request has no body; send"
                    + " {\"upload\": \"presigned\", \"name\": …, \"size\": …}");
        }
        PresignedUploadCommand request = PresignedUploadCommand.read(body);
        String name = fileName(request.name());
        String type = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "application/gzip" : MediaType.TEXT_CSV;
        CreateJobCommand command = command(name, type, request.preset(), request.recipeJson(), idempotencyKey,
                callbackUrls.accept(tenant.id(), request.callbackUrl()));
        PresignedUploadService.Creation creation = presignedUploads.create(tenant, command, request,
                request.signals() == null ? null : fileName(Objects.requireNonNullElse(request.signals().name(),
                        "signals.csv")));
        MutableHttpResponse<UploadState> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, creation.upload().job().links().get("self"))
                .body(creation.upload());
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
        return progress.estimate(tenant.id(), JobView.of(jobs.find(tenant, id)));
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
        return JobView.of(jobs.cancel(tenant, id));
    }

    private static ApiException outOfOrder() {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                "the parts must come in the order recipe, signals, file; the recipe came after a file");
    }

    private static CreateJobCommand command(String inputName, String contentType, @Nullable String preset,
            @Nullable String recipeJson, @Nullable String idempotencyKey, @Nullable String acceptedCallbackUrl) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        if (recipeJson != null) {
            if (recipeJson.length() > MAX_RECIPE_CHARS) {
                throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                        "the recipe part has " + recipeJson.length() + " characters; at most " + MAX_RECIPE_CHARS + " are allowed");
            }
            Recipes.parse(recipeJson);
            return new CreateJobCommand(inputName, contentType, null, recipeJson, idempotencyKey, acceptedCallbackUrl);
        }
        String name = preset == null || preset.isBlank() ? DEFAULT_PRESET : preset;
        Recipes.preset(name);
        return new CreateJobCommand(inputName, contentType, name, null, idempotencyKey, acceptedCallbackUrl);
    }

    private static String fileName(@Nullable String given) {
        if (given == null || given.isBlank()) {
            return "upload.csv";
        }
        String base = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._ -]", "_");
        return clean.isBlank() ? "upload.csv" : clean.substring(0, Math.min(clean.length(), 200));
    }

    private static HttpResponse<JobView> created(JobService.Creation creation) {
        JobView view = JobView.of(creation.job());
        MutableHttpResponse<JobView> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, view.links().get("self")).body(view);
    }
}
