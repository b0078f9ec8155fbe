package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobService;
import io.signalbox.app.job.JobStatus;
import io.signalbox.app.storage.ObjectStore;
import io.signalbox.app.storage.StorageSettings;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.routes.cleanup.ObjectRead;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Results handed to their owners over REST, deleted only once they surely arrived.
 *
 * <p>Every answer's bytes that reached the connection are recorded as a read of the result (its range and how many
 * of its bytes were written). Once the reads since the result's last complete delivery cover every byte, whether in
 * one answer, or a download cut off and resumed with {@code Range}, or the parts of a parallel download, the job is
 * DOWNLOADED. A client that asks for a redirect downloads from storage through a presigned URL instead, and
 * storage's GetObject events of those reads count the same way. Its files stay for the grace window, within which a
 * download can be repeated, or until the owner acknowledges the result with {@code DELETE}; the cleanup deletes them
 * then, and the result is gone (410).
 */
@Singleton
public final class ResultDownloads {

    private static final String OCTET_STREAM = "application/octet-stream";

    private final JobService jobs;
    private final ObjectStore store;
    private final ResultReadLedger ledger;
    private final PresignedResultUrls presignedUrls;
    private final String bucket;

    ResultDownloads(JobService jobs, ObjectStore store, ResultReadLedger ledger, PresignedResultUrls presignedUrls,
            StorageSettings storage) {
        this.jobs = jobs;
        this.store = store;
        this.ledger = ledger;
        this.presignedUrls = presignedUrls;
        this.bucket = storage.bucket();
    }

    /**
     * What a {@code HEAD} answers: the result's headers; nothing is read and nothing counts as delivered.
     *
     * @param tenant the caller
     * @param id the job's id
     * @return the result's headers
     * @throws ApiException 404, 409 while not ready, after failure or for a partner's result, 410 once gone
     */
    public ResultHeaders head(Tenant tenant, String id) {
        Job job = deliverable(jobs.find(tenant, id));
        String contentType = store.stat(job.resultKey()).map(object -> object.contentType())
                .orElseThrow(() -> gone(job, "is no longer stored"));
        return headers(job, contentType);
    }

    /**
     * What a {@code GET} answers.
     *
     * @param tenant the caller
     * @param id the job's id
     * @param conditions the request's {@code Range} and conditional headers
     * @return the result's bytes (all or one range), or that the client's copy is current
     * @throws ApiException 404, 409 while not ready, after failure or for a partner's result, 410 once gone
     * @throws UnsatisfiableRangeException when the {@code Range} selects none of the result's bytes
     */
    public ResultAnswer get(Tenant tenant, String id, Conditions conditions) {
        Job job = deliverable(jobs.find(tenant, id));
        ResultHeaders known = headers(job, OCTET_STREAM);
        if (conditions.unchanged(known)) {
            return new ResultAnswer.Unchanged(known);
        }
        ByteRange range = RangeRequest.evaluate(conditions.range(), conditions.ifRange(), known.entityTag(),
                job.resultBytes());
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = range == null ? store.open(job.resultKey())
                    : store.openRange(job.resultKey(), range.first(), range.last());
        } catch (NoSuchKeyException e) {
            throw gone(job, "is no longer stored");
        }
        long length = range == null ? job.resultBytes() : range.length();
        return new ResultAnswer.Body(job, headers(job, object.response().contentType()), range,
                new ObjectContent(object, length), UUID.randomUUID());
    }

    /**
     * What a {@code GET} that prefers a redirect answers: a presigned URL of the result, through which the client
     * downloads it from storage. Whether it was delivered is then learnt from storage's own GetObject events
     * ({@link PresignedDownloadReads}). The same checks and errors as {@link #get}.
     *
     * @param tenant the caller
     * @param id the job's id
     * @return the URL, when it stops working, and the result's headers
     * @throws ApiException 404, 409 while not ready, after failure or for a partner's result, 410 once gone
     */
    public ResultRedirect redirect(Tenant tenant, String id) {
        Job job = deliverable(jobs.find(tenant, id));
        String contentType = store.stat(job.resultKey()).map(object -> object.contentType())
                .orElseThrow(() -> gone(job, "is no longer stored"));
        return presignedUrls.sign(job.resultKey(), headers(job, contentType));
    }

    /**
     * Records how many bytes of an answer's body reached the connection; once the reads since the last complete
     * delivery cover the whole result, the job is DOWNLOADED and its grace window starts.
     *
     * @param body the answer
     * @param bytesWritten how many of its body's bytes were written, all or fewer when it was cut off
     */
    public void delivered(ResultAnswer.Body body, long bytesWritten) {
        Job job = body.job();
        if (bytesWritten <= 0 && job.resultBytes() > 0) {
            return;
        }
        ByteRange sent = body.range() == null ? new ByteRange(0, Math.max(0, job.resultBytes() - 1)) : body.range();
        ObjectRead read = new ObjectRead(body.deliveryId().toString(), bucket, job.resultKey(), sent.asRangeHeader(),
                bytesWritten, Instant.now());
        ledger.record(job.id(), read, "in API responses");
    }

    private static Job deliverable(Job job) {
        if (!job.source().resultFromApi() && job.status() == JobStatus.SUCCEEDED) {
            throw new ApiException(HttpStatus.CONFLICT, "in_outbox", "job " + job.id() + " came from the drop folder;"
                    + " its result is picked up from the partner's outbox at " + job.resultKey());
        }
        switch (job.status()) {
            case SUCCEEDED -> {
                return job;
            }
            case DOWNLOADED -> {
                if (job.downloadableUntil(Instant.now()) != null) {
                    return job;
                }
                String after = Job.ACKNOWLEDGED.equals(job.deletedBecause()) ? " and acknowledged"
                        : " and its grace window for repeated downloads ended at " + job.pickupDueAt();
                throw gone(job, "was downloaded at " + job.downloadedAt() + after + "; it is gone");
            }
            case EXPIRED -> throw gone(job, "expired at " + job.expiredAt()
                    + " without being downloaded and was deleted");
            case CANCELLED -> throw gone(job, "was cancelled at " + job.cancelledAt());
            case FAILED -> throw new ApiException(HttpStatus.CONFLICT, "job_failed",
                    "job " + job.id() + " failed and has no result: " + job.failureReason());
            default -> throw new ApiException(HttpStatus.CONFLICT, "not_ready",
                    "job " + job.id() + " is " + job.status() + "; its result is not ready yet");
        }
    }

    private static ResultHeaders headers(Job job, @Nullable String contentType) {
        return new ResultHeaders(job.resultBytes(), contentType == null || contentType.isBlank() ? OCTET_STREAM
                : contentType, job.resultSha256(), job.succeededAt(), fileName(job));
    }

    /** {@code prices.csv} gives {@code prices.result.csv}; the result's own extension follows (.csv.gz, ...). */
    private static String fileName(Job job) {
        String base = job.inputName().replaceFirst("(?i)(\\.csv)?(\\.gz)?$", "");
        String stored = job.resultKey().substring(job.resultKey().lastIndexOf('/') + 1);
        String extension = stored.startsWith("result.") ? stored.substring("result".length()) : ".csv";
        return base + ".result" + extension;
    }

    private static ApiException gone(Job job, String what) {
        return new ApiException(HttpStatus.GONE, "gone", "the result of job " + job.id() + " " + what);
    }

    /**
     * The headers of a {@code GET} that say which bytes the client wants, and when it wants none.
     *
     * @param range {@code Range}, or {@code null}
     * @param ifRange {@code If-Range}, or {@code null}
     * @param ifNoneMatch {@code If-None-Match}, or {@code null}
     * @param ifModifiedSince {@code If-Modified-Since}, or {@code null}
     */
    public record Conditions(@Nullable String range, @Nullable String ifRange, @Nullable String ifNoneMatch,
            @Nullable String ifModifiedSince) {

        /**
         * RFC 9110 §13.2.2: {@code If-None-Match} decides when given (weak comparison, {@code *} matches anything);
         * otherwise {@code If-Modified-Since}, which a date that cannot be read makes no condition at all.
         */
        boolean unchanged(ResultHeaders result) {
            if (ifNoneMatch != null) {
                String tag = result.entityTag();
                return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                        .map(candidate -> candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                        .anyMatch(candidate -> candidate.equals("*") || candidate.equals(tag));
            }
            if (ifModifiedSince != null) {
                try {
                    Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return !result.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            return false;
        }
    }
}
