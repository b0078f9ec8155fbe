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
                            result_key = :resultKey, result_bytes = :resultBytes, input_bytes = :inputBytes,
                            input_sha256 = :inputSha256, row_count = :rowCount, rows_skipped = :rowsSkipped,
                            symbol_count = :symbolCount, rows_processed = :rowCount, summary_json = :summaryJson,
                            last_error = NULL
            WHERE id = :id AND status = 'PROCESSING' AND attempts = :attempt""")
    int succeed(UUID id, int attempt, String resultKey, long resultBytes, long inputBytes, String inputSha256,
            long rowCount, long rowsSkipped, int symbolCount, String summaryJson);

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

    @Query("""
            UPDATE jobs SET status = 'DOWNLOADED', downloaded_at = now(), updated_at = now()
            WHERE id = :id AND status = 'SUCCEEDED'""")
    int markDownloaded(UUID id);

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
            ORDER BY updated_at
            LIMIT :limit""")
    List<Job> withFilesToDelete(int limit);

    @Query("UPDATE jobs SET files_deleted_at = now(), updated_at = now() WHERE id = :id AND files_deleted_at IS NULL")
    int markFilesDeleted(UUID id);

    @Query("""
            INSERT INTO jobs (id, tenant_id, status, source, input_name, input_key, recipe_preset, recipe_json,
                              drop_key, drop_version, outbox_name, created_at, updated_at)
            VALUES (:id, :tenantId, 'AWAITING_UPLOAD', 'DROP', :inputName, :inputKey, :recipePreset, :recipeJson,
                    :dropKey, :dropVersion, :outboxName, now(), now())
            ON CONFLICT (tenant_id, drop_key, drop_version) DO NOTHING""")
    int insertDrop(UUID id, String tenantId, String inputName, String inputKey, @Nullable String recipePreset,
            @Nullable String recipeJson, String dropKey, String dropVersion, String outboxName);

    Optional<Job> findByTenantIdAndDropKeyAndDropVersion(String tenantId, String dropKey, String dropVersion);

    @Query("""
            UPDATE jobs SET input_bytes = :bytes, uploaded_at = now(), recipe_preset = :recipePreset,
                            recipe_json = :recipeJson, signals_key = :signalsKey, signals_name = :signalsName,
                            updated_at = now()
            WHERE id = :id AND status = 'AWAITING_UPLOAD' AND uploaded_at IS NULL""")
    int recordDropTaken(UUID id, long bytes, @Nullable String recipePreset, @Nullable String recipeJson,
            @Nullable String signalsKey, @Nullable String signalsName);

    @Query("""
            UPDATE jobs SET status = 'FAILED', failed_at = now(), updated_at = now(),
                            failure_code = :code, failure_reason = :reason
            WHERE id = :id AND status = 'AWAITING_UPLOAD'""")
    int failIntake(UUID id, String code, String reason);

    @Query("""
            UPDATE jobs SET outbox_written_at = now(), outbox_deleted_at = NULL, updated_at = now()
            WHERE id = :id""")
    int markOutboxWritten(UUID id);

    /**
     * Hands the outbox files of a name over to the job that just wrote them: earlier jobs of the name no longer own
     * them, and a result of theirs that was waiting for pickup has been replaced, so that job expires.
     */
    @Query("""
            UPDATE jobs SET outbox_deleted_at = now(), updated_at = now(),
                            expired_at = CASE WHEN status = 'SUCCEEDED' THEN now() ELSE expired_at END,
                            status = CASE WHEN status = 'SUCCEEDED' THEN 'EXPIRED' ELSE status END
            WHERE tenant_id = :tenantId AND outbox_name = :outboxName AND id <> :writer
              AND outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL""")
    int supersedeOutbox(String tenantId, String outboxName, UUID writer);

    @Query("""
            SELECT * FROM jobs
            WHERE tenant_id = :tenantId AND outbox_name = :outboxName
              AND outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL
            ORDER BY outbox_written_at DESC
            LIMIT 1""")
    Optional<Job> findOutboxOwner(String tenantId, String outboxName);

    /**
     * Reads the job and holds its row until the transaction ends, so that whatever else wants to lock it waits; to be
     * called in a transaction.
     */
    @Query("SELECT * FROM jobs WHERE id = :id FOR UPDATE")
    Optional<Job> lockById(UUID id);

    @Query("""
            UPDATE jobs SET picked_up_at = now(), pickup_due_at = now() + make_interval(secs => :graceSeconds),
                            updated_at = now()
            WHERE id = :id AND status IN ('SUCCEEDED', 'FAILED') AND outbox_deleted_at IS NULL""")
    int recordPickup(UUID id, double graceSeconds);

    @Query("""
            UPDATE jobs SET status = 'DOWNLOADED', downloaded_at = now(), picked_up_at = now(), pickup_due_at = now(),
                            updated_at = now()
            WHERE id = :id AND status = 'SUCCEEDED'""")
    int markPickedUpByDeletion(UUID id);

    @Query("""
            UPDATE jobs SET status = 'DOWNLOADED', downloaded_at = now(), updated_at = now()
            WHERE status = 'SUCCEEDED' AND source = 'DROP' AND pickup_due_at <= now()""")
    int completePickups();

    @Query("""
            SELECT * FROM jobs
            WHERE status = 'FAILED' AND source = 'DROP'
              AND outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL
              AND (pickup_due_at <= now() OR failed_at < now() - make_interval(secs => :retentionSeconds))
            ORDER BY updated_at
            LIMIT :limit""")
    List<Job> failedDropsWithOutboxDue(double retentionSeconds, int limit);

    /** The outbox files are gone, and so are the partner's reads of them. */
    @Query("""
            WITH forgotten AS (DELETE FROM result_reads WHERE job_id = :id)
            UPDATE jobs SET outbox_deleted_at = now(), updated_at = now() WHERE id = :id AND outbox_deleted_at IS NULL""")
    int markOutboxDeleted(UUID id);

    @Query("""
            UPDATE jobs SET files_deleted_at = NULL, updated_at = now()
            WHERE id = :id AND status IN ('DOWNLOADED', 'FAILED', 'EXPIRED', 'CANCELLED')""")
    int markFilesPending(UUID id);
}
