package io.signalbox.app.presigned;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.CreateJobCommand;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobService;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.job.JobStatus;
import io.signalbox.app.job.JobView;
import io.signalbox.app.job.RetentionSettings;
import io.signalbox.app.job.UploadAborts;
import io.signalbox.app.logging.LogContext;
import io.signalbox.app.storage.ObjectStore;
import io.signalbox.app.storage.StorageSettings;
import io.signalbox.app.tenant.Tenant;
import io.signalbox.routes.storage.PendingUpload;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Jobs whose owners upload their file straight to storage: an S3 multipart upload per job, presigned URLs per part,
 * listing what storage has so that an interrupted upload resumes, completing and aborting. The job is queued by the
 * storage event of the completed object, as for every upload; whether the file is the one declared is decided when
 * it is processed, since that reads every byte anyway.
 */
@Singleton
public final class PresignedUploadService implements UploadAborts {

    /** The largest object one PUT takes: a signals file larger than that cannot be uploaded with one URL. */
    static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PresignedUploadService.class);
    private static final Duration SHORTEST_URL = Duration.ofSeconds(1);

    private final JobRepository jobs;
    private final JobService jobService;
    private final PresignedUploadRepository uploads;
    private final TransactionOperations<Connection> transactions;
    private final S3Client s3;
    private final ObjectStore store;
    private final PartUrls urls;
    private final String bucket;
    private final Duration urlLifetime;
    private final RetentionSettings retention;
    private final long maxUploadBytes;

    PresignedUploadService(JobRepository jobs, JobService jobService, PresignedUploadRepository uploads,
            TransactionOperations<Connection> transactions, S3Client s3, ObjectStore store, PartUrls urls,
            StorageSettings storage, PresignedSettings settings, RetentionSettings retention,
            @Value("${signalbox.upload.max-bytes}") long maxUploadBytes) {
        this.jobs = jobs;
        this.jobService = jobService;
        this.uploads = uploads;
        this.transactions = transactions;
        this.s3 = s3;
        this.store = store;
        this.urls = urls;
        this.bucket = storage.bucket();
        this.urlLifetime = settings.uploadUrlLifetime();
        this.retention = retention;
        this.maxUploadBytes = maxUploadBytes;
        if (retention.uploadWindow().compareTo(urlLifetime) < 0) {
            LOG.warn("signalbox.cleanup.upload-window ({}) is shorter than signalbox.presigned.upload-url-lifetime ({});"
                    + " presigned upload URLs work for the upload window at most", retention.uploadWindow(), urlLifetime);
        }
    }

    /**
     * Creates a job awaiting its upload and the multipart upload it goes to. With an idempotency key the tenant has
     * used already, answers that job as it is now instead.
     *
     * @param tenant the owner
     * @param job the job's name, recipe and idempotency key, checked
     * @param request the file as declared
     * @param signalsName the name of the signals file declared with it, checked, or {@code null} when there is none
     * @return the upload, and whether this call created it
     * @throws ApiException 413 when a declared size is over the limit, before anything is created
     */
    public Creation create(Tenant tenant, CreateJobCommand job, PresignedUploadCommand request,
            @Nullable String signalsName) {
        if (request.size() > maxUploadBytes) {
            throw tooLarge("size", request.size(), maxUploadBytes);
        }
        if (request.signals() != null && request.signals().size() > Math.min(maxUploadBytes, MAX_SINGLE_PUT_BYTES)) {
            throw tooLarge("signals.size", request.signals().size(), Math.min(maxUploadBytes, MAX_SINGLE_PUT_BYTES));
        }
        Optional<Job> earlier = jobService.earlier(tenant, job);
        if (earlier.isPresent()) {
            return new Creation(replay(earlier.get()), false);
        }
        UUID id = UUID.randomUUID();
        PartPlan plan = PartPlan.of(request.size());
        String key = JobKeys.inputKey(tenant.id(), id);
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(key)
                .contentType(job.contentType())
                .checksumAlgorithm(request.checksummedParts() ? ChecksumAlgorithm.SHA256 : null)).uploadId();
        Instant now = Instant.now();
        Job row = Job.awaitingUpload(id, tenant.id(), JobSource.API, job.inputName(), key, job.recipePreset(),
                job.recipeJson(), job.idempotencyKey(), now).withCallbackUrl(job.callbackUrl());
        PresignedUpload upload = new PresignedUpload(id, uploadId, plan.size(), plan.partSize(), plan.partCount(),
                request.checksummedParts() ? PresignedUpload.SHA256 : null,
                request.signals() == null ? null : request.signals().size(), now, null, null);
        try {
            transactions.executeWrite(status -> {
                jobs.save(row);
                if (job.idempotencyKey() != null) {
                    jobs.recordIdempotencyFingerprint(id, job.fingerprint());
                }
                if (request.sha256() != null) {
                    jobs.declareInputSha256(id, request.sha256());
                }
                if (request.signals() != null) {
                    jobs.recordSignals(id, JobKeys.signalsKey(tenant.id(), id), signalsName);
                }
                return uploads.save(upload);
            });
        } catch (RuntimeException e) {
            try {
                store.abortUpload(new PendingUpload(key, uploadId, now), "not-created");
            } catch (RuntimeException abortFailed) {
                // The bucket's lifecycle rule removes incomplete multipart uploads that could not be aborted here.
                e.addSuppressed(abortFailed);
            }
            // Two requests with one idempotency key raced; the other one's job wins.
            Optional<Job> winner = Optional.ofNullable(job.idempotencyKey())
                    .flatMap(idempotencyKey -> jobs.findByTenantIdAndIdempotencyKey(tenant.id(), idempotencyKey));
            if (winner.isPresent()) {
                return new Creation(replay(winner.get()), false);
            }
            throw e;
        }
        LogContext.job(id.toString(), tenant.id());
        LOG.info("job {} of tenant {}: presigned upload of {} bytes in {} parts of {} bytes started", id, tenant.id(),
                plan.size(), plan.partCount(), plan.partSize());
        Job created = jobs.findById(id).orElseThrow();
        return new Creation(state(created, upload, List.of(), now), true);
    }

    /**
     * @param tenant the caller
     * @param id the job's id
     * @return what storage has of the upload, and fresh URLs for the parts it lacks
     * @throws ApiException 404 when there is no such job or it has no presigned upload, 409 when the upload is no
     *     longer open
     */
    public UploadState state(Tenant tenant, String id) {
        Job job = jobService.find(tenant, id);
        PresignedUpload upload = uploadOf(job);
        requireOpen(job, upload, Instant.now());
        return state(job, upload, storedParts(job, upload), Instant.now());
    }

    /**
     * Issues URLs for the parts named, each bound to the SHA-256 given with it when the upload takes checksums.
     *
     * @param tenant the caller
     * @param id the job's id
     * @param parts the parts, with their checksums when the upload takes them
     * @return a URL per part
     */
    public UploadState.IssuedUrls partUrls(Tenant tenant, String id, List<UploadRequests.PartUrlCommand> parts) {
        Job job = jobService.find(tenant, id);
        PresignedUpload upload = uploadOf(job);
        Instant now = Instant.now();
        requireOpen(job, upload, now);
        Duration validFor = urlValidity(job, now);
        List<UploadState.PartUrl> issued = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            UploadRequests.PartUrlCommand part = parts.get(i);
            if (part.partNumber() > upload.partCount()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "parts[" + i + "].partNumber is "
                        + part.partNumber() + ", but the upload has parts 1 to " + upload.partCount());
            }
            if (upload.checksummedParts() && part.checksumSHA256() == null) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field", "parts[" + i
                        + "].checksumSHA256 is missing; this upload takes every part with its SHA-256");
            }
            if (!upload.checksummedParts() && part.checksumSHA256() != null) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field", "parts[" + i
                        + "].checksumSHA256 was given, but this upload was created without part checksums; create"
                        + " it with \"checksumAlgorithm\": \"SHA256\" to send them");
            }
            issued.add(partUrl(job, upload, part.partNumber(), part.checksumSHA256(), validFor));
        }
        return new UploadState.IssuedUrls(issued, now.plus(validFor));
    }

    /**
     * Completes the upload with the parts its owner lists; storage then announces the object, which queues the job.
     *
     * @param tenant the caller
     * @param id the job's id
     * @param parts every part with the ETag its upload answered
     * @return the job afterwards
     * @throws ApiException 400 naming parts that are missing or do not match what storage has, 409 when the job is
     *     not awaiting its upload
     */
    public Job complete(Tenant tenant, String id, List<UploadRequests.CompletedPartCommand> parts) {
        Job job = jobService.find(tenant, id);
        PresignedUpload upload = uploadOf(job);
        requireOpen(job, upload, Instant.now());
        List<CompletedPart> completed = CompletionCheck.completedParts(job.id().toString(), upload.plan(),
                upload.checksummedParts(), parts, storedParts(job, upload));
        requireSignals(job, upload);
        if (uploads.claimCompletion(job.id()) == 0) {
            throw notOpen(job, uploads.findById(job.id()).orElse(upload));
        }
        try {
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(job.inputKey())
                    .uploadId(upload.uploadId()).multipartUpload(list -> list.parts(completed)));
        } catch (RuntimeException e) {
            uploads.releaseCompletion(job.id());
            throw refusedByStorage(job, e);
        }
        jobs.recordUploadedBytes(job.id(), upload.declaredBytes());
        LOG.info("job {}: presigned upload of {} bytes in {} parts completed", job.id(), upload.declaredBytes(),
                completed.size());
        return jobs.findById(job.id()).orElseThrow();
    }

    /**
     * Aborts the upload: storage drops the parts it has, and the job is cancelled.
     *
     * @param tenant the caller
     * @param id the job's id
     * @return the job afterwards
     * @throws ApiException 409 when the job is not awaiting its upload
     */
    public Job abort(Tenant tenant, String id) {
        Job job = jobService.find(tenant, id);
        PresignedUpload upload = uploadOf(job);
        if (job.status() != JobStatus.AWAITING_UPLOAD || !upload.open() || uploads.claimAbort(job.id()) == 0) {
            throw notOpen(job, uploads.findById(job.id()).orElse(upload));
        }
        try {
            store.abortUpload(pending(job, upload), "cancelled");
        } catch (RuntimeException e) {
            uploads.releaseAbort(job.id());
            throw e;
        }
        return jobService.cancel(tenant, id);
    }

    @Override
    public int abortAbandoned() {
        int aborted = 0;
        for (PresignedUpload upload : uploads.abandoned(retention.batchSize())) {
            Optional<Job> job = jobs.findById(upload.jobId());
            if (job.isEmpty() || uploads.claimAbort(upload.jobId()) == 0) {
                continue;
            }
            LogContext.job(upload.jobId().toString(), job.get().tenantId());
            try {
                store.abortUpload(pending(job.get(), upload), job.get().status().name().toLowerCase(Locale.ROOT));
                aborted++;
            } catch (RuntimeException e) {
                uploads.releaseAbort(upload.jobId());
                LOG.warn("the upload of job {} was not aborted yet, the next cleanup retries: {}", upload.jobId(),
                        e.getMessage());
            }
        }
        return aborted;
    }

    private UploadState replay(Job job) {
        PresignedUpload upload = uploads.findById(job.id()).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
                "idempotency_conflict", "the Idempotency-Key was used for job " + job.id()
                        + ", which is not a presigned upload"));
        Instant now = Instant.now();
        if (job.status() != JobStatus.AWAITING_UPLOAD || !upload.open() || !now.isBefore(deadline(job))) {
            return new UploadState(JobView.of(job), upload.declaredBytes(), upload.partSize(), upload.partCount(),
                    upload.partChecksum(), deadline(job), null, List.of(), List.of(), null, links(job));
        }
        return state(job, upload, storedParts(job, upload), now);
    }

    private UploadState state(Job job, PresignedUpload upload, List<Part> stored, Instant now) {
        PartPlan plan = upload.plan();
        Duration validFor = urlValidity(job, now);
        List<UploadState.UploadedPart> uploaded = new ArrayList<>();
        List<UploadState.PartUrl> missing = new ArrayList<>();
        Map<Integer, Part> whole = new LinkedHashMap<>();
        for (Part part : stored) {
            if (part.partNumber() <= plan.partCount() && part.size() == plan.sizeOf(part.partNumber())) {
                whole.put(part.partNumber(), part);
            }
        }
        for (int number = 1; number <= plan.partCount(); number++) {
            Part part = whole.get(number);
            if (part != null) {
                uploaded.add(new UploadState.UploadedPart(number, part.eTag(), part.size()));
            } else {
                missing.add(upload.checksummedParts() ? new UploadState.PartUrl(number, null, null)
                        : partUrl(job, upload, number, null, validFor));
            }
        }
        return new UploadState(JobView.of(job), plan.size(), plan.partSize(), plan.partCount(), upload.partChecksum(),
                deadline(job), now.plus(validFor), uploaded, missing, signals(job, upload, validFor), links(job));
    }

    private UploadState.SignalsUpload signals(Job job, PresignedUpload upload, Duration validFor) {
        if (upload.signalsBytes() == null || job.signalsKey() == null) {
            return null;
        }
        boolean uploaded = store.stat(job.signalsKey()).map(HeadObjectResponse::contentLength)
                .filter(size -> size.equals(upload.signalsBytes())).isPresent();
        return new UploadState.SignalsUpload(job.signalsName(), upload.signalsBytes(), uploaded,
                uploaded ? null : urls.object(job.signalsKey(), upload.signalsBytes(), validFor).url());
    }

    private UploadState.PartUrl partUrl(Job job, PresignedUpload upload, int number, @Nullable String checksum,
            Duration validFor) {
        PartUrls.SignedUrl signed = urls.part(job.inputKey(), upload.uploadId(), number, upload.plan().sizeOf(number),
                checksum, validFor);
        return new UploadState.PartUrl(number, signed.url(), signed.headers());
    }

    private void requireSignals(Job job, PresignedUpload upload) {
        if (upload.signalsBytes() == null || job.signalsKey() == null) {
            return;
        }
        Optional<Long> size = store.stat(job.signalsKey()).map(HeadObjectResponse::contentLength);
        if (size.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "signals_missing", "the signals file " + job.signalsName()
                    + " has not been uploaded; PUT it to its URL first (GET /v1/jobs/" + job.id()
                    + "/upload gives a fresh one)");
        }
        if (!size.get().equals(upload.signalsBytes())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "signals_missing", "the signals file " + job.signalsName()
                    + " has " + size.get() + " bytes, but " + upload.signalsBytes() + " were declared; PUT the"
                    + " whole file again");
        }
    }

    private List<Part> storedParts(Job job, PresignedUpload upload) {
        try {
            List<Part> parts = new ArrayList<>();
            s3.listPartsPaginator(request -> request.bucket(bucket).key(job.inputKey()).uploadId(upload.uploadId()))
                    .parts().forEach(parts::add);
            return parts;
        } catch (NoSuchUploadException e) {
            throw new ApiException(HttpStatus.CONFLICT, "upload_closed", "the upload of job " + job.id()
                    + " is no longer open in storage; create a new job");
        }
    }

    private PresignedUpload uploadOf(Job job) {
        return uploads.findById(job.id()).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found",
                "job " + job.id() + " was not created for a presigned upload, so it has no upload to show"));
    }

    private void requireOpen(Job job, PresignedUpload upload, Instant now) {
        if (job.status() != JobStatus.AWAITING_UPLOAD || !upload.open()) {
            throw notOpen(job, upload);
        }
        if (!now.isBefore(deadline(job))) {
            throw new ApiException(HttpStatus.CONFLICT, "upload_window_closed", "the upload window of job " + job.id()
                    + " closed at " + deadline(job) + "; the job expires, create a new one");
        }
    }

    private static ApiException notOpen(Job job, PresignedUpload upload) {
        String why;
        if (upload.completedAt() != null && job.status() == JobStatus.AWAITING_UPLOAD) {
            why = "its upload was completed at " + upload.completedAt() + ", and it is queued as soon as storage"
                    + " announces the file";
        } else if (upload.completedAt() != null) {
            why = "its upload was completed at " + upload.completedAt();
        } else if (upload.abortedAt() != null) {
            why = "its upload was aborted at " + upload.abortedAt();
        } else {
            why = "it no longer awaits its upload";
        }
        return new ApiException(HttpStatus.CONFLICT, "not_awaiting_upload", "job " + job.id() + " is " + job.status()
                + ": " + why);
    }

    private ApiException refusedByStorage(Job job, RuntimeException e) {
        if (e instanceof NoSuchUploadException) {
            return new ApiException(HttpStatus.CONFLICT, "upload_closed", "the upload of job " + job.id()
                    + " is no longer open in storage; create a new job");
        }
        if (e instanceof S3Exception s3Error && s3Error.statusCode() == 400 && s3Error.awsErrorDetails() != null) {
            return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parts", "storage refused to complete the upload"
                    + " of job " + job.id() + " with these parts: " + s3Error.awsErrorDetails().errorMessage());
        }
        throw e;
    }

    /** URLs never outlive the upload window: after it the job expires and its upload is aborted. */
    private Duration urlValidity(Job job, Instant now) {
        Duration left = Duration.between(now, deadline(job));
        Duration validFor = left.compareTo(urlLifetime) < 0 ? left : urlLifetime;
        if (validFor.compareTo(SHORTEST_URL) < 0) {
            throw new ApiException(HttpStatus.CONFLICT, "upload_window_closed", "the upload window of job " + job.id()
                    + " closed at " + deadline(job) + "; the job expires, create a new one");
        }
        return validFor;
    }

    private Instant deadline(Job job) {
        return job.createdAt().plus(retention.uploadWindow());
    }

    private static PendingUpload pending(Job job, PresignedUpload upload) {
        return new PendingUpload(job.inputKey(), upload.uploadId(), upload.createdAt());
    }

    private static Map<String, String> links(Job job) {
        String self = "/v1/jobs/" + job.id() + "/upload";
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("parts", self + "/parts");
        links.put("complete", self + "/complete");
        links.put("job", "/v1/jobs/" + job.id());
        return links;
    }

    private static ApiException tooLarge(String key, long declared, long limit) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "\"" + key + "\" declares "
                + declared + " bytes; at most " + limit + " are accepted");
    }

    /**
     * @param upload the upload as its owner sees it
     * @param created whether this call created it (false: an earlier call with the same idempotency key did)
     */
    public record Creation(UploadState upload, boolean created) {
    }
}
