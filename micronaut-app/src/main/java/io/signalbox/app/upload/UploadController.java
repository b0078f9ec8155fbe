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
import io.signalbox.app.admission.UploadAdmission;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.JobService;
import io.signalbox.app.job.JobView;
import io.signalbox.app.tenant.Tenant;
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
final class UploadController {

    /** The executor uploads run on: {@code micronaut.executors.uploads}. */
    static final String EXECUTOR = "uploads";

    private final UploadService uploads;
    private final UploadAdmission admission;
    private final UploadSettings settings;
    private final ExecutorService executor;

    UploadController(UploadService uploads, UploadAdmission admission, UploadSettings settings,
            @Named(EXECUTOR) ExecutorService executor) {
        this.uploads = uploads;
        this.admission = admission;
        this.settings = settings;
        this.executor = executor;
    }

    @Post(consumes = MediaType.ALL)
    CompletableFuture<HttpResponse<JobView>> upload(Tenant tenant, HttpRequest<?> request,
            @Nullable @Body InputStream body, @Nullable @QueryValue("recipe") String preset,
            @Nullable @QueryValue("name") String name, @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        UploadRequest upload;
        UploadAdmission.Permit permit;
        try {
            upload = UploadRequest.of(request.getHeaders(), body != null, settings.maxBytes(), preset, name,
                    idempotencyKey);
            permit = admission.admit(tenant.id());
        } catch (RuntimeException refused) {
            discard(body);
            throw refused;
        }
        Supplier<HttpResponse<JobView>> receive = () -> {
            try (permit) {
                return created(uploads.receive(tenant, upload, body));
            }
        };
        try {
            return CompletableFuture.supplyAsync(PropagatedContext.get().wrap(receive), executor);
        } catch (RejectedExecutionException e) {
            permit.close();
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

    private static HttpResponse<JobView> created(JobService.Creation creation) {
        JobView view = JobView.of(creation.job());
        MutableHttpResponse<JobView> response = creation.created() ? HttpResponse.accepted() : HttpResponse.ok();
        return response.header(HttpHeaders.LOCATION, view.links().get("self")).body(view);
    }
}
