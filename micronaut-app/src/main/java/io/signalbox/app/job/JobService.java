package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.logging.LogContext;
import io.signalbox.app.metrics.JobMetrics;
import io.signalbox.app.metrics.TransferMetrics;
import io.signalbox.app.storage.ObjectStore;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.routes.storage.HashingInputStream;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** What the REST API does with jobs: create and upload, look up, list, download once, cancel. */
@Singleton
public final class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final UUID LAST_UUID = new UUID(-1L, -1L);

    private final JobRepository jobs;
    private final ObjectStore store;
    private final JobMetrics metrics;
    private final TransferMetrics transfers;

    JobService(JobRepository jobs, ObjectStore store, JobMetrics metrics, TransferMetrics transfers) {
        this.jobs = jobs;
        this.store = store;
        this.metrics = metrics;
        this.transfers = transfers;
    }

    /**
     * @param tenant the caller
     * @param idempotencyKey the key the client sent, or {@code null}
     * @return the job an earlier request of the tenant made with this key, or empty
     */
    public Optional<Job> earlier(Tenant tenant, @Nullable String idempotencyKey) {
        return Optional.ofNullable(idempotencyKey).flatMap(key -> jobs.findByTenantIdAndIdempotencyKey(tenant.id(), key));
    }

    /**
     * Creates the job row of an upload whose file follows, or finds the job of an earlier request with the same
     * idempotency key.
     *
     * @param tenant the owner
     * @param request what to create
     * @return the job; when its upload already completed, the caller answers it without reading the body
     */
    public Creation begin(Tenant tenant, CreateJobCommand request) {
        return earlier(tenant, request.idempotencyKey()).map(job -> new Creation(job, false))
                .orElseGet(() -> new Creation(insert(tenant, request), true));
    }

    /**
     * Streams the signals file of a begun job to storage. It must come before the prices file: the job is queued
     * as soon as its prices file is stored.
     *
     * @param begun the job
     * @param name the file's name as its owner gave it
     * @param contentType the file's content type
     * @param body the file
     */
    public void uploadSignals(Creation begun, String name, String contentType, InputStream body) {
        Job job = begun.job();
        String key = JobKeys.signalsKey(job.tenantId(), job.id());
        store.receive(key, contentType, body);
        jobs.recordSignals(job.id(), key, name);
    }

    /**
     * Streams the prices file of a begun job to storage; storing it queues the job.
     *
     * @param begun the job
     * @param inputName the file's name as its owner gave it
     * @param contentType the file's content type
     * @param body the file
     * @return the job afterwards
     */
    public Creation uploadInput(Creation begun, String inputName, String contentType, InputStream body) {
        Job job = begun.job();
        if (!job.inputName().equals(inputName)) {
            jobs.renameInput(job.id(), inputName);
        }
        LogContext.job(job.id().toString(), job.tenantId());
        HashingInputStream hashed = new HashingInputStream(body);
        long started = System.nanoTime();
        store.receive(job.inputKey(), contentType, hashed);
        transfers.uploaded(hashed.count(), Duration.ofNanos(System.nanoTime() - started));
        jobs.recordUpload(job.id(), hashed.count(), hashed.sha256Hex());
        LOG.info("job {} of tenant {}: {} bytes uploaded", job.id(), job.tenantId(), hashed.count());
        return new Creation(jobs.findById(job.id()).orElseThrow(), begun.created());
    }

    /**
     * Fails a job whose upload ended without its file, and deletes what was stored of it (a signals file); nothing of
     * it is processed.
     *
     * @param job the job
     * @param code the failure's code
     * @param reason why, for its owner
     */
    public void failUpload(Job job, String code, String reason) {
        if (jobs.failUpload(job.id(), code, reason) == 1) {
            metrics.reached(JobMetrics.Outcome.FAILED);
            deleteFiles(job, "failed");
        }
    }

    private Job insert(Tenant tenant, CreateJobCommand request) {
        UUID id = UUID.randomUUID();
        Job job = Job.awaitingUpload(id, tenant.id(), JobSource.API, request.inputName(),
                JobKeys.inputKey(tenant.id(), id), request.recipePreset(), request.recipeJson(),
                request.idempotencyKey(), Instant.now());
        try {
            return jobs.save(job);
        } catch (RuntimeException e) {
            // Two requests with one idempotency key raced; the other one's row wins.
            return Optional.ofNullable(request.idempotencyKey())
                    .flatMap(key -> jobs.findByTenantIdAndIdempotencyKey(tenant.id(), key))
                    .orElseThrow(() -> e);
        }
    }

    /**
     * @param tenant the caller
     * @param id the job's id as given
     * @return the job
     * @throws ApiException 404 when the tenant has no such job
     */
    public Job find(Tenant tenant, String id) {
        return JobIds.parse(id).flatMap(uuid -> jobs.findByIdAndTenantId(uuid, tenant.id()))
                .orElseThrow(() -> ApiException.notFound("job " + id));
    }

    /**
     * @param tenant the caller
     * @param status only jobs in this status, or {@code null} for all
     * @param limit page size
     * @param cursor where the page starts, from an earlier page's {@code next}, or {@code null}
     * @return the page
     */
    public JobPage list(Tenant tenant, @Nullable JobStatus status, int limit, @Nullable String cursor) {
        if (limit < 1 || limit > 200) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "limit " + limit + " is out of range; expected 1 to 200");
        }
        Instant before = Instant.parse("9999-12-31T23:59:59Z");
        UUID beforeId = LAST_UUID;
        if (cursor != null) {
            String[] parts = decodeCursor(cursor);
            before = Instant.parse(parts[0]);
            beforeId = UUID.fromString(parts[1]);
        }
        List<Job> page = jobs.page(tenant.id(), status == null ? null : status.name(), before, beforeId, limit);
        String next = null;
        if (page.size() == limit) {
            Job last = page.get(page.size() - 1);
            String token = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
            next = "/v1/jobs?limit=" + limit + (status == null ? "" : "&status=" + status) + "&cursor=" + token;
        }
        return new JobPage(page.stream().map(JobView::of).toList(), next);
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 2) {
                Instant.parse(parts[0]);
                UUID.fromString(parts[1]);
                return parts;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "cursor \"" + cursor + "\" is not one this API gave out");
    }

    /**
     * Opens a finished job's result for its one download.
     *
     * @param tenant the caller
     * @param id the job's id
     * @return the job and its result's content
     * @throws ApiException 404, 409 while not ready, after failure or when the result is in a partner's outbox, 410 once
     *     downloaded, expired or cancelled
     */
    public ResultDownload openResult(Tenant tenant, String id) {
        Job job = find(tenant, id);
        if (job.dropped() && job.status() == JobStatus.SUCCEEDED) {
            throw new ApiException(HttpStatus.CONFLICT, "in_outbox", "job " + job.id() + " came from the drop folder;"
                    + " its result is picked up from the partner's outbox at " + job.resultKey());
        }
        switch (job.status()) {
            case SUCCEEDED -> {
                ResponseInputStream<GetObjectResponse> content = store.open(job.resultKey());
                return new ResultDownload(job, content, content.response().contentLength(), job.resultKey().endsWith(".gz"));
            }
            case DOWNLOADED -> throw gone(job, "was downloaded at " + job.downloadedAt() + " and deleted");
            case EXPIRED -> throw gone(job, "expired at " + job.expiredAt() + " without being downloaded and was deleted");
            case CANCELLED -> throw gone(job, "was cancelled at " + job.cancelledAt());
            case FAILED -> throw new ApiException(HttpStatus.CONFLICT, "job_failed",
                    "job " + job.id() + " failed and has no result: " + job.failureReason());
            default -> throw new ApiException(HttpStatus.CONFLICT, "not_ready",
                    "job " + job.id() + " is " + job.status() + "; its result is not ready yet");
        }
    }

    /**
     * Called once the whole result has been written to the client: the job becomes DOWNLOADED and its input and
     * output are deleted. If the deletion fails, the cleanup finishes it.
     *
     * @param job the downloaded job
     */
    public void completeDownload(Job job) {
        if (jobs.markDownloaded(job.id()) == 0) {
            return;
        }
        metrics.reached(JobMetrics.Outcome.DOWNLOADED);
        LOG.info("job {} downloaded", job.id());
        deleteFiles(job, "downloaded");
    }

    /**
     * @param tenant the caller
     * @param id the job's id
     * @return the summary document
     * @throws ApiException 404, or 409 when the job has none (yet)
     */
    public String summary(Tenant tenant, String id) {
        Job job = find(tenant, id);
        if (job.summaryJson() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "not_ready", "job " + job.id() + " is " + job.status() + " and has no summary");
        }
        return job.summaryJson();
    }

    /**
     * Cancels a job that has not finished, or deletes a finished job's files now.
     *
     * @param tenant the caller
     * @param id the job's id
     * @return the job afterwards
     */
    public Job cancel(Tenant tenant, String id) {
        Job job = find(tenant, id);
        String reason = "deleted";
        if (jobs.cancel(job.id()) == 1) {
            metrics.reached(JobMetrics.Outcome.CANCELLED);
            LOG.info("job {} cancelled by its owner", job.id());
            reason = "cancelled";
        }
        if (job.filesDeletedAt() == null) {
            deleteFiles(job, reason);
        }
        return jobs.findById(job.id()).orElseThrow();
    }

    private void deleteFiles(Job job, String reason) {
        if (job.dropped()) {
            // Only the cleanup may delete in a partner's outbox; it deletes this job's files at its next run.
            return;
        }
        try {
            for (String prefix : JobKeys.allPrefixes(job)) {
                store.deletePrefix(prefix, reason);
            }
            jobs.markFilesDeleted(job.id());
        } catch (RuntimeException e) {
            LOG.warn("files of job {} not deleted yet, the cleanup will retry: {}", job.id(), e.getMessage());
        }
    }

    private static ApiException gone(Job job, String what) {
        return new ApiException(HttpStatus.GONE, "gone", "the result of job " + job.id() + " " + what);
    }

    /**
     * @param job the job
     * @param created whether this call created it (false: an earlier call with the same idempotency key did)
     */
    public record Creation(Job job, boolean created) {
    }

    /**
     * @param job the job
     * @param content the result's bytes; the caller closes it
     * @param length the result's size
     * @param gzip whether the result is gzip-compressed, as its recipe asked
     */
    public record ResultDownload(Job job, InputStream content, long length, boolean gzip) {
    }
}
