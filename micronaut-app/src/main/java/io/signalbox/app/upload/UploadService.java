package io.signalbox.app.upload;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.signalbox.app.admission.UploadAdmission;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.CreateJobCommand;
import io.signalbox.app.job.JobService.Creation;
import io.signalbox.app.job.JobService;
import io.signalbox.app.presigned.PresignedUploadCommand;
import io.signalbox.app.presigned.PresignedUploadService;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.app.webhook.CallbackUrls;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an upload on one of the upload threads: makes its job and streams its file (and signals file) to
 * storage while the client sends it. An upload that ends without its file fails its job at once with the reason,
 * leaves no object behind, and is logged in one line.
 */
@Singleton
final class UploadService {

    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);

    private final JobService jobs;
    private final UploadAdmission admission;
    private final UploadWatchdog watchdog;
    private final UploadSettings settings;
    private final CallbackUrls callbackUrls;
    private final PresignedUploadService presignedUploads;

    UploadService(JobService jobs, UploadAdmission admission, UploadWatchdog watchdog, UploadSettings settings,
            CallbackUrls callbackUrls, PresignedUploadService presignedUploads) {
        this.jobs = jobs;
        this.admission = admission;
        this.watchdog = watchdog;
        this.settings = settings;
        this.callbackUrls = callbackUrls;
        this.presignedUploads = presignedUploads;
    }

    /**
     * Creates a job whose file its owner sends straight to storage: the body declares it
     * ({@code {"upload":"presigned",…}}), and the answer has a presigned URL per part.
     *
     * @param tenant the owner
     * @param request what the request says besides its body
     * @param requestBody the JSON declaration
     * @return the upload, and whether this request created it
     * @throws ApiException naming the key at fault in the declaration, or 429 when the tenant's queue is full
     */
    PresignedUploadService.Creation presigned(Tenant tenant, UploadRequest request, InputStream requestBody) {
        PresignedUploadCommand declared = PresignedUploadCommand.read(requestBody);
        String name = UploadRequest.safeName(declared.name());
        String type = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "application/gzip" : MediaType.TEXT_CSV;
        UploadRequest asDeclared = new UploadRequest(request.contentType(), declared.preset(), name,
                request.idempotencyKey(), declared.callbackUrl());
        CreateJobCommand command = asDeclared.command(name, type, declared.recipeJson(),
                callbackUrls.accept(tenant.id(), declared.callbackUrl()));
        if (jobs.earlier(tenant, command).isEmpty()) {
            admission.checkQueue(tenant.id());
        }
        String signalsName = declared.signals() == null ? null
                : UploadRequest.safeName(Objects.requireNonNullElse(declared.signals().name(), "signals.csv"));
        return presignedUploads.create(tenant, command, declared, signalsName);
    }

    /**
     * @param tenant the owner
     * @param request what the request says besides its body
     * @param requestBody the request body
     * @return the job, and whether this request created it
     * @throws ApiException for an upload that ended without its file, with the status that says why
     */
    @SuppressWarnings("try") // the watch is only held, to stop watching the body when the body is closed
    Creation receive(Tenant tenant, UploadRequest request, InputStream requestBody) {
        String callbackUrl = callbackUrls.accept(tenant.id(), request.callbackUrl());
        Upload upload = new Upload(tenant, request, callbackUrl, new ClientBody(requestBody, settings.maxBytes()));
        try (ClientBody body = upload.body; UploadWatchdog.Watch watch = watchdog.watch(body)) {
            return request.contentType().form() ? upload.form() : upload.file();
        } catch (RuntimeException e) {
            throw upload.failed(e);
        }
    }

    /** One upload as it is received; its job once begun. */
    private final class Upload {

        private final Tenant tenant;
        private final UploadRequest request;
        private final String callbackUrl;
        private final ClientBody body;
        private Creation begun;

        Upload(Tenant tenant, UploadRequest request, String callbackUrl, ClientBody body) {
            this.tenant = tenant;
            this.request = request;
            this.callbackUrl = callbackUrl;
            this.body = body;
        }

        Creation file() {
            String contentType = request.contentType().value();
            begin(request.command(request.inputName(null), contentType, null, callbackUrl));
            if (begun.job().uploadedAt() != null) {
                return begun;
            }
            return jobs.uploadInput(begun, begun.job().inputName(), contentType, body);
        }

        /**
         * The parts {@code recipe} and {@code signals} (both optional), then {@code file}, in that order, each
         * streamed as it arrives; {@link MultipartForm} refuses any other order.
         */
        Creation form() {
            MultipartForm form = new MultipartForm(body, request.contentType().value());
            String recipeJson = null;
            for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
                if (part.name().equals("recipe")) {
                    recipeJson = part.text(UploadRequest.MAX_RECIPE_CHARS);
                    continue;
                }
                boolean file = part.name().equals("file");
                if (begun == null) {
                    begin(request.command(request.inputName(file ? part.fileName() : null), MediaType.TEXT_CSV,
                            recipeJson, callbackUrl));
                    if (begun.job().uploadedAt() != null) {
                        return begun;
                    }
                }
                String partType = part.contentType() == null ? MediaType.TEXT_CSV : part.contentType();
                if (file) {
                    return jobs.uploadInput(begun, request.inputName(part.fileName()), partType, part.content());
                }
                jobs.uploadSignals(begun, UploadRequest.safeName(part.fileName()), partType, part.content());
            }
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the form has no part \"file\"");
        }

        /** Takes up a retry's earlier job; makes a new one only while the tenant's queue has room. */
        private void begin(CreateJobCommand command) {
            if (jobs.earlier(tenant, command).isEmpty()) {
                admission.checkQueue(tenant.id());
            }
            begun = jobs.begin(tenant, command);
        }

        RuntimeException failed(RuntimeException e) {
            UploadFailure failure = UploadFailure.of(e, body, settings);
            String upload = begun == null ? "upload of tenant " + tenant.id()
                    : "upload of job " + begun.job().id() + " of tenant " + tenant.id();
            if (!failure.byClient()) {
                LOG.warn("{} failed: {}", upload, failure.reason(), e);
            } else if (begun != null || body.failure().isPresent()) {
                LOG.info("{} ended without its file: {}", upload, failure.reason());
            }
            if (begun != null) {
                jobs.failUpload(begun.job(), failure.code(), failure.reason());
            }
            return failure.answer();
        }
    }
}
