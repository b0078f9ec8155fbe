package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.logging.LogContext;
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
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the REST API does with jobs: create and upload, look up, list, cancel or acknowledge. */
@Singleton
public final class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final UUID LAST_UUID = new UUID(-1L, -1L);
    /** Longer than deleting a job's few objects takes; a deletion that failed is the cleanup's after it. */
    static final Duration DELETION_CLAIM = Duration.ofMinutes(5);

    private final JobRepository jobs;
    private final ObjectStore store;
    private final JobMetrics metrics;
    private final TransferMetrics transfers;
    private final IdempotencySettings idempotency;
    private final ResultDeliveries deliveries;

    JobService(JobRepository jobs, ObjectStore store, JobMetrics metrics, TransferMetrics transfers,
            IdempotencySettings idempotency, ResultDeliveries deliveries) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.store = store;
        this.metrics = metrics;
        this.transfers = transfers;
        this.idempotency = idempotency;
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
     * Creates the job row of an upload whose parts follow, or finds the job of an earlier request with the same
     * idempotency key, made within {@link IdempotencySettings#keyTtl()}.
     *
     * @param tenant the owner
     * @param request what to create
     * @return the job; when its upload already completed, the caller answers it without reading the body
     * @throws ApiException 422 {@code idempotency_key_reused} when the key was used for a different request
     */
    public Creation begin(Tenant tenant, CreateJobCommand request) {
        return earlier(tenant, request).map(job -> new Creation(job, false))
                .orElseGet(() -> new Creation(insert(tenant, request), true));
    }

    /**
     * @param tenant the caller
     * @param request what the caller asks to create
     * @return the job an earlier request of the tenant made with the same idempotency key, within
     *     {@link IdempotencySettings#keyTtl()}; empty without a key, or when the key is new or expired
     * @throws ApiException 422 {@code idempotency_key_reused} when the key was used for a different request
     */
    public Optional<Job> earlier(Tenant tenant, CreateJobCommand request) {
        return Optional.ofNullable(request.idempotencyKey()).flatMap(key -> {
            jobs.forgetIdempotencyKey(tenant.id(), key, Instant.now().minus(idempotency.keyTtl()));
            return sameRequest(jobs.findByTenantIdAndIdempotencyKey(tenant.id(), key), request);
        });
    }

    private Optional<Job> sameRequest(Optional<Job> earlier, CreateJobCommand request) {
        earlier.ifPresent(job -> {
            String recorded = jobs.idempotencyFingerprint(job.id());
            if (!recorded.isEmpty() && !recorded.equals(request.fingerprint())) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", "Idempotency-Key \""
                        + request.idempotencyKey() + "\" was used for a different request (job " + job.id() + ", other"
                        + " name, content type or recipe) within the last " + idempotency.keyTtl().toHours()
                        + " h; use a new key for a new request");
            }
        });
        return earlier;
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
                request.idempotencyKey(), Instant.now()).withCallbackUrl(request.callbackUrl());
        try {
            Job saved = jobs.save(job);
            if (request.idempotencyKey() != null) {
                jobs.recordIdempotencyFingerprint(id, request.fingerprint());
            }
            return saved;
        } catch (RuntimeException e) {
            // Two requests with one idempotency key raced; the other one's row wins.
            return Optional.ofNullable(request.idempotencyKey())
                    .flatMap(key -> sameRequest(jobs.findByTenantIdAndIdempotencyKey(tenant.id(), key), request))
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
        return new JobPage(page.stream().map(this::view).toList(), next);
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
     * Cancels a job that has not finished (a result never downloaded included), or acknowledges a downloaded result
     * within its grace window; either way the job's files are deleted now. On a job that failed or expired it deletes
     * what may be left of its files.
     *
     * @param tenant the caller
     * @param id the job's id
     * @return the job afterwards, with its deletion receipt once its files are gone
     */
    public Job cancel(Tenant tenant, String id) {
        Job job = find(tenant, id);
        // Taken before the job becomes due, so that the cleanup does not delete the same files at the same time.
        boolean deleteHere = job.source().resultFromApi() && jobs.claimFiles(job.id(), DELETION_CLAIM.toSeconds()) == 1;
        String reason = job.status().name().toLowerCase(Locale.ROOT);
        if (jobs.cancel(job.id()) == 1) {
            metrics.reached(JobMetrics.Outcome.CANCELLED);
            LOG.info("job {} cancelled by its owner", job.id());
            reason = "cancelled";
        } else if (jobs.acknowledge(job.id()) == 1) {
            LOG.info("job {}: its owner acknowledged the result", job.id());
            reason = Job.ACKNOWLEDGED;
        }
        // A partner's outbox is the cleanup's alone; it deletes a dropped file's job files at its next run.
        if (deleteHere) {
            deleteFiles(job, reason);
        }
        return jobs.findById(job.id()).orElseThrow();
    }

    private void deleteFiles(Job job, String reason) {
        try {
            for (String prefix : JobKeys.allPrefixes(job)) {
                store.deletePrefix(prefix, reason, job.id().toString());
            }
            jobs.markFilesDeleted(job.id());
            jobs.completeReceipt(job.id(), deliveries.of(job).deliveredBecause());
        } catch (RuntimeException e) {
            LOG.warn("files of job {} not deleted yet, the cleanup will retry: {}", job.id(), e.getMessage());
        }
    }

    /**
     * @param job a job of any source
     * @return the job as its owner sees it, with what its result delivery adds
     */
    public JobView view(Job job) {
        return JobView.of(job, deliveries.of(job).facts(job));
    }

    /**
     * @param job the job
     * @param created whether this call created it (false: an earlier call with the same idempotency key did)
     */
    public record Creation(Job job, boolean created) {
    }

}
