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
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.download.DownloadCompletions;
import io.signalbox.app.presigned.PresignedUploadCommand;
import io.signalbox.app.presigned.PresignedUploadService;
import io.signalbox.app.presigned.UploadState;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.app.upload.MultipartForm;
import io.signalbox.processors.recipe.Recipes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/** The jobs API: upload, poll, list, download once, summary, cancel. Binds, delegates, maps to HTTP. */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class JobController {

    private static final String DEFAULT_PRESET = "default";
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final int MAX_RECIPE_CHARS = 64 * 1024;

    private final JobService jobs;
    private final DownloadCompletions completions;
    private final PresignedUploadService presignedUploads;
    private final long maxUploadBytes;

    JobController(JobService jobs, DownloadCompletions completions, PresignedUploadService presignedUploads,
            @Value("${signalbox.upload.max-bytes}") long maxUploadBytes) {
        this.jobs = jobs;
        this.completions = completions;
        this.presignedUploads = presignedUploads;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The file is the whole body, e.g. {@code curl --data-binary @prices.csv -H 'Content-Type: text/csv'}. */
    @Post(consumes = {MediaType.TEXT_CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM,
            "application/gzip", "application/x-gzip"})
    HttpResponse<JobView> upload(Tenant tenant, @Nullable @Body InputStream body,
            @Nullable @QueryValue("recipe") String preset, @Nullable @QueryValue("name") String name,
            @Nullable @Header("Idempotency-Key") String idempotencyKey,
            @Nullable @Header(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload",
                    "the request has no body; send the CSV file as the body (curl --data-binary @FILE)");
        }
        CreateJobCommand command = command(fileName(name), contentType, preset, null, idempotencyKey);
        return created(jobs.create(tenant, command, body, contentLength));
    }

    /**
     * A multipart form, in this order: an optional part {@code recipe} (a recipe document), an optional part
     * {@code signals} (a signals file joined to the prices on symbol and time), then the part {@code file} (the
     * prices). Each part is streamed as it arrives, so no file is held anywhere.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<JobView> uploadForm(Tenant tenant, @Nullable @Body InputStream body,
            @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Nullable @QueryValue("recipe") String preset,
            @Nullable @QueryValue("name") String name, @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload", "the request has no body; send the file as the part \"file\"");
        }
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
                        begun = jobs.begin(tenant, command(firstName, MediaType.TEXT_CSV, preset, recipeJson, idempotencyKey));
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
    HttpResponse<UploadState> uploadPresigned(Tenant tenant, @Nullable @Body InputStream body,
            @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload", "the request has no body; send"
                    + " {\"upload\": \"presigned\", \"name\": …, \"size\": …}");
        }
        PresignedUploadCommand request = PresignedUploadCommand.read(body);
        String name = fileName(request.name());
        String type = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "application/gzip" : MediaType.TEXT_CSV;
        CreateJobCommand command = command(name, type, request.preset(), request.recipeJson(), idempotencyKey);
        PresignedUploadService.Creation creation = presignedUploads.create(tenant, command, request,
                request.signals() == null ? null : fileName(Objects.requireNonNullElse(request.signals().name(),
                        "signals.csv")));
        MutableHttpResponse<UploadState> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, creation.upload().job().links().get("self"))
                .body(creation.upload());
    }

    @Get("/{id}")
    JobView get(Tenant tenant, @PathVariable String id) {
        return JobView.of(jobs.find(tenant, id));
    }

    @Get
    JobPage list(Tenant tenant, @Nullable @QueryValue JobStatus status, @QueryValue(defaultValue = "50") int limit,
            @Nullable @QueryValue String cursor) {
        return jobs.list(tenant, status, limit, cursor);
    }

    @Get(value = "/{id}/result")
    HttpResponse<StreamedFile> result(Tenant tenant, @PathVariable String id) {
        JobService.ResultDownload download = jobs.openResult(tenant, id);
        String token = completions.register(() -> jobs.completeDownload(download.job()));
        StreamedFile file = new StreamedFile(download.content(),
                download.gzip() ? MediaType.of("application/gzip") : MediaType.TEXT_CSV_TYPE,
                download.job().succeededAt().toEpochMilli(), download.length())
                .attach(resultName(download.job().inputName()) + (download.gzip() ? ".gz" : ""));
        return HttpResponse.ok(file).header(DownloadCompletions.TOKEN_HEADER, token);
    }

    @Get(value = "/{id}/summary", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> summary(Tenant tenant, @PathVariable String id) {
        return HttpResponse.ok(jobs.summary(tenant, id).getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Delete("/{id}")
    JobView cancel(Tenant tenant, @PathVariable String id) {
        return JobView.of(jobs.cancel(tenant, id));
    }

    private static ApiException outOfOrder() {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                "the parts must come in the order recipe, signals, file; the recipe came after a file");
    }

    private static CreateJobCommand command(String inputName, String contentType, @Nullable String preset,
            @Nullable String recipeJson, @Nullable String idempotencyKey) {
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
            return new CreateJobCommand(inputName, contentType, null, recipeJson, idempotencyKey);
        }
        String name = preset == null || preset.isBlank() ? DEFAULT_PRESET : preset;
        Recipes.preset(name);
        return new CreateJobCommand(inputName, contentType, name, null, idempotencyKey);
    }

    private static String fileName(@Nullable String given) {
        if (given == null || given.isBlank()) {
            return "upload.csv";
        }
        String base = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._ -]", "_");
        return clean.isBlank() ? "upload.csv" : clean.substring(0, Math.min(clean.length(), 200));
    }

    private static String resultName(String inputName) {
        String base = inputName.replaceFirst("(?i)(\\.csv)?(\\.gz)?$", "");
        return base + ".result.csv";
    }

    private static HttpResponse<JobView> created(JobService.Creation creation) {
        JobView view = JobView.of(creation.job());
        MutableHttpResponse<JobView> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, view.links().get("self")).body(view);
    }
}
