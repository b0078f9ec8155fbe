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
import java.io.InputStream;

/**
 * The upload of a job created with {@code {"upload":"presigned",…}}: what storage has and URLs for the rest (to
 * resume), URLs for parts with their checksums, completing and aborting. Binds, delegates, maps to HTTP.
 */
@Controller("/v1/jobs/{id}/upload")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PresignedUploadController {

    private final PresignedUploadService uploads;

    PresignedUploadController(PresignedUploadService uploads) {
        this.uploads = uploads;
    }

    /** The parts storage has, and fresh URLs for the ones it lacks: what a client resumes from. */
    @Get
    UploadState state(Tenant tenant, @PathVariable String id) {
        return uploads.state(tenant, id);
    }

    /** URLs for the parts named, {@code {"parts":[{"partNumber":1,"checksumSHA256":"…"},…]}}. */
    @Post(value = "/parts", consumes = MediaType.APPLICATION_JSON)
    UploadState.IssuedUrls partUrls(Tenant tenant, @PathVariable String id, @Nullable @Body InputStream body) {
        return uploads.partUrls(tenant, id, UploadRequests.partUrls(required(body)));
    }

    /** Completes the upload, {@code {"parts":[{"partNumber":1,"etag":"…"},…]}}; the job is queued soon after. */
    @Post(value = "/complete", consumes = MediaType.APPLICATION_JSON)
    JobView complete(Tenant tenant, @PathVariable String id, @Nullable @Body InputStream body) {
        return JobView.of(uploads.complete(tenant, id, UploadRequests.completion(required(body))));
    }

    /** Aborts the upload: its parts are dropped and the job is cancelled. */
    @Delete
    JobView abort(Tenant tenant, @PathVariable String id) {
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
