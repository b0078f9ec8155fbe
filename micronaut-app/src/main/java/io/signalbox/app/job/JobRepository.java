package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Jobs in PostgreSQL. Every status change is one conditional UPDATE naming the status it expects, so a duplicate
 * delivery or a second worker can never run a job twice or undo a later state; each returns the rows it changed.
 * Times come from the database's clock.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, UUID> {

    Optional<Job> findByIdAndTenantId(UUID id, String tenantId);

    Optional<Job> findByTenantIdAndIdempotencyKey(String tenantId, String idempotencyKey);

    /** Frees an idempotency key used before the given time, so that a new request may take it. */
    @Query("""
            UPDATE jobs SET idempotency_key = NULL
            WHERE tenant_id = :tenantId AND idempotency_key = :idempotencyKey AND created_at < :before""")
    int forgetIdempotencyKey(String tenantId, String idempotencyKey, Instant before);

    @Query("UPDATE jobs SET idempotency_fingerprint = :fingerprint WHERE id = :id")
    int recordIdempotencyFingerprint(UUID id, String fingerprint);

    /** The fingerprint of the request that made the job with its idempotency key, or an empty string. */
    @Query("SELECT COALESCE(idempotency_fingerprint, '') FROM jobs WHERE id = :id")
    String idempotencyFingerprint(UUID id);

    @Query("""
            SELECT * FROM jobs
            WHERE tenant_id = :tenantId
              AND (CAST(:status AS TEXT) IS NULL OR status = :status)
              AND (created_at, id) < (:beforeCreatedAt, :beforeId)
            ORDER BY created_at DESC, id DESC
            LIMIT :limit""")
    List<Job> page(String tenantId, @Nullable String status, Instant beforeCreatedAt, UUID beforeId, int limit);

    @Query("""
            UPDATE jobs SET input_bytes = :bytes, input_sha256 = :sha256, uploaded_at = now(), updated_at = now()
            WHERE id = :id AND uploaded_at IS NULL""")
    int recordUpload(UUID id, long bytes, String sha256);

    @Query("""
            UPDATE jobs SET input_bytes = :bytes, uploaded_at = now(), updated_at = now()
            WHERE id = :id AND uploaded_at IS NULL""")
    int recordUploadedBytes(UUID id, long bytes);

    @Query("UPDATE jobs SET declared_sha256 = :sha256, updated_at = now() WHERE id = :id AND status = 'AWAITING_UPLOAD'")
    int declareInputSha256(UUID id, String sha256);

    @Query("""
            SELECT count(*) FROM jobs WHERE tenant_id = :tenantId AND status IN ('QUEUED', 'PROCESSING')""")
    long countQueuedOrProcessing(String tenantId);

    /**
     * Fails a job whose upload ended without its file. Its idempotency key is released, so that the client's retry
     * with the same key makes a new job instead of answering this failed one.
     */
    @Query("""
            UPDATE jobs SET status = 'FAILED', failed_at = now(), updated_at = now(), failure_code = :code,
                            failure_reason = :reason, idempotency_key = NULL
            WHERE id = :id AND status = 'AWAITING_UPLOAD' AND uploaded_at IS NULL""")
    int failUpload(UUID id, String code, String reason);

    @Query("""
            UPDATE jobs SET signals_key = :signalsKey, signals_name = :signalsName, updated_at = now()
            WHERE id = :id AND status = 'AWAITING_UPLOAD'""")
    int recordSignals(UUID id, String signalsKey, String signalsName);

    @Query("UPDATE jobs SET input_name = :inputName, updated_at = now() WHERE id = :id AND status = 'AWAITING_UPLOAD'")
    int renameInput(UUID id, String inputName);

    @Query("""
            UPDATE jobs SET status = 'QUEUED', queued_at = now(), updated_at = now()
            WHERE id = :id AND status = 'AWAITING_UPLOAD'""")
    int markQueued(UUID id);

    @Query("""
            UPDATE jobs SET status = 'PROCESSING', attempts = attempts + 1, claim_message_id = :messageId,
                            started_at = now(), rows_processed = 0, updated_at = now()
            WHERE id = :id AND (status = 'QUEUED' OR (status = 'PROCESSING' AND claim_message_id = :messageId))""")
    int claim(UUID id, String messageId);

    @Query("""
            UPDATE jobs SET rows_processed = :rows, updated_at = now()
            WHERE id = :id AND status = 'PROCESSING' AND attempts = :attempt""")
    int progress(UUID id, int attempt, long rows);

    @Query("""
            UPDATE jobs SET status = 'SUCCEEDED', succeeded_at = now(), updated_at = now(),
                            result_key = :resultKey, result_bytes = :resultBytes, result_sha256 = :resultSha256,
                            input_bytes = :inputBytes, input_sha256 = :inputSha256, row_count = :rowCount,
                            rows_skipped = :rowsSkipped, symbol_count = :symbolCount, rows_processed = :rowCount,
                            summary_json = :summaryJson, last_error = NULL
            WHERE id = :id AND status = 'PROCESSING' AND attempts = :attempt""")
    int succeed(UUID id, int attempt, String resultKey, long resultBytes, String resultSha256, long inputBytes,
            String inputSha256, long rowCount, long rowsSkipped, int symbolCount, String summaryJson);

    @Query("""
            UPDATE jobs SET status = 'FAILED', failed_at = now(), updated_at = now(),
                            failure_code = :code, failure_reason = :reason
            WHERE id = :id AND status = 'PROCESSING' AND attempts = :attempt""")
    int fail(UUID id, int attempt, String code, String reason);

    @Query("""
            UPDATE jobs SET status = 'FAILED', failed_at = now(), updated_at = now(), failure_code = :code,
                            failure_reason = :reasonPrefix || COALESCE(last_error, 'no failure was recorded')
            WHERE id = :id AND status IN ('QUEUED', 'PROCESSING')""")
    int failUndeliverable(UUID id, String code, String reasonPrefix);

    @Query("UPDATE jobs SET last_error = :error, updated_at = now() WHERE id = :id")
    int recordTransientFailure(UUID id, String error);

    /** The result was delivered whole; its files stay for the grace window, so that a download can be repeated. */
    @Query("""
            UPDATE jobs SET status = 'DOWNLOADED', downloaded_at = now(),
                            pickup_due_at = now() + make_interval(secs => :graceSeconds), updated_at = now()
            WHERE id = :id AND status = 'SUCCEEDED'""")
    int markDownloaded(UUID id, double graceSeconds);

    /** The owner acknowledged a downloaded result: its grace window ends now, and its files go at once. */
    @Query("""
            UPDATE jobs SET deleted_because = 'acknowledged', pickup_due_at = LEAST(pickup_due_at, now()),
                            updated_at = now()
            WHERE id = :id AND status = 'DOWNLOADED' AND source = 'API' AND deleted_at IS NULL""")
    int acknowledge(UUID id);

    @Query("""
            UPDATE jobs SET status = 'CANCELLED', cancelled_at = now(), updated_at = now()
            WHERE id = :id AND status IN ('AWAITING_UPLOAD', 'QUEUED', 'PROCESSING', 'SUCCEEDED')""")
    int cancel(UUID id);

    @Query("""
            UPDATE jobs SET status = 'EXPIRED', expired_at = now(), updated_at = now()
            WHERE (status = 'SUCCEEDED' AND succeeded_at < now() - make_interval(secs => :retentionSeconds))
               OR (status = 'AWAITING_UPLOAD' AND created_at < now() - make_interval(secs => :uploadWindowSeconds))""")
    int expire(double retentionSeconds, double uploadWindowSeconds);

    @Query("""
            SELECT * FROM jobs
            WHERE files_deleted_at IS NULL AND status IN ('DOWNLOADED', 'FAILED', 'EXPIRED', 'CANCELLED')
              AND (status <> 'DOWNLOADED' OR pickup_due_at IS NULL OR pickup_due_at <= now())
              AND (files_claimed_until IS NULL OR files_claimed_until < now())
            ORDER BY updated_at
            LIMIT :limit""")
    List<Job> withFilesToDelete(int limit);

    /**
     * Takes the deletion of the job's files for a while: nobody else starts one meanwhile, so that each object is
     * deleted and audited once. One that was not finished within that time may be taken again.
     *
     * @return 1 when the caller may delete the files now, 0 when they are gone or someone else is deleting them
     */
    @Query("""
            UPDATE jobs SET files_claimed_until = now() + make_interval(secs => :seconds), updated_at = now()
            WHERE id = :id AND files_deleted_at IS NULL
              AND (files_claimed_until IS NULL OR files_claimed_until < now())""")
    int claimFiles(UUID id, double seconds);

    /** The job's own objects are gone, unfinished uploads included, and so are the reads of its result. */
    @Query("""
            WITH forgotten AS (DELETE FROM result_reads WHERE job_id = :id)
            UPDATE jobs SET files_deleted_at = now(), updated_at = now() WHERE id = :id AND files_deleted_at IS NULL""")
    int markFilesDeleted(UUID id);

    /** Notes an object about to be deleted for the job, for its deletion receipt. */
    @Query("""
            UPDATE jobs SET deleted_keys = array_append(deleted_keys, CAST(:key AS TEXT)), updated_at = now()
            WHERE id = :id AND NOT (CAST(:key AS TEXT) = ANY (deleted_keys))""")
    int noteDeletedKey(UUID id, String key);

    /**
     * Completes the deletion receipt once the job's own objects are gone; the caller knows nothing else of it is left
     * ({@link ResultDelivery#filesRemain(Job)}).
     * Why, unless the owner's acknowledgement said so already, follows from the status; a delivered result's reason
     * is its delivery's ({@link ResultDelivery#deliveredBecause()}).
     */
    @Query("""
            UPDATE jobs SET deleted_at = now(), updated_at = now(),
                            deleted_because = COALESCE(deleted_because, CASE
                                WHEN status = 'DOWNLOADED' THEN :deliveredBecause
                                ELSE lower(status) END)
            WHERE id = :id AND deleted_at IS NULL AND files_deleted_at IS NOT NULL
              AND status IN ('DOWNLOADED', 'FAILED', 'EXPIRED', 'CANCELLED')""")
    int completeReceipt(UUID id, String deliveredBecause);

    @Query("""
            UPDATE jobs SET status = 'FAILED', failed_at = now(), updated_at = now(),
                            failure_code = :code, failure_reason = :reason
            WHERE id = :id AND status = 'AWAITING_UPLOAD'""")
    int failIntake(UUID id, String code, String reason);

    /**
     * Reads the job and holds its row until the transaction ends, so that whatever else wants to lock it waits; to be
     * called in a transaction.
     */
    @Query("SELECT * FROM jobs WHERE id = :id FOR UPDATE")
    Optional<Job> lockById(UUID id);

    @Query("""
            UPDATE jobs SET files_deleted_at = NULL, files_claimed_until = NULL, deleted_at = NULL, updated_at = now()
            WHERE id = :id AND status IN ('DOWNLOADED', 'FAILED', 'EXPIRED', 'CANCELLED')""")
    int markFilesPending(UUID id);

    /** Whether any job is queued or being processed: its transitions are still to come. */
    @Query("SELECT EXISTS (SELECT 1 FROM jobs WHERE status IN ('QUEUED', 'PROCESSING'))")
    boolean anyRunning();

    /**
     * Whether any job has not ended yet, or still has files of its own in the bucket: only then, or when a result
     * delivery has files outliving their jobs, may the cleanup find work.
     */
    @Query("SELECT EXISTS (SELECT 1 FROM jobs WHERE files_deleted_at IS NULL)")
    boolean anyUnfinished();
}
