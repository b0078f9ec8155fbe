package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dropped files and what became of their outbox files, in PostgreSQL. A statement that changes a drop's job too
 * changes both rows at once (the parts of a statement all see the rows as they were before it); times come from the
 * database's clock.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DropRepository extends GenericRepository<Drop, UUID> {

    Optional<Drop> findById(UUID jobId);

    Optional<Drop> findByTenantIdAndDropKeyAndDropVersion(String tenantId, String dropKey, String dropVersion);

    /**
     * Records the drop of a job just inserted in the same transaction, unless its object version has a job already.
     *
     * @return 1 when recorded, 0 when the version had its job (the caller then rolls its job back)
     */
    @Query("""
            INSERT INTO drops (job_id, tenant_id, drop_key, drop_version, outbox_name)
            VALUES (:jobId, :tenantId, :dropKey, :dropVersion, :outboxName)
            ON CONFLICT (tenant_id, drop_key, drop_version) DO NOTHING""")
    int insert(UUID jobId, String tenantId, String dropKey, String dropVersion, String outboxName);

    /** The job has its files: the data file's size, and what its sidecars said. */
    @Query("""
            UPDATE jobs SET input_bytes = :bytes, uploaded_at = now(), recipe_preset = :recipePreset,
                            recipe_json = :recipeJson, signals_key = :signalsKey, signals_name = :signalsName,
                            updated_at = now()
            WHERE id = :id AND status = 'AWAITING_UPLOAD' AND uploaded_at IS NULL""")
    int recordTaken(UUID id, long bytes, @Nullable String recipePreset, @Nullable String recipeJson,
            @Nullable String signalsKey, @Nullable String signalsName);

    @Query("""
            WITH touched AS (UPDATE jobs SET updated_at = now() WHERE id = :id)
            UPDATE drops SET outbox_written_at = now(), outbox_deleted_at = NULL WHERE job_id = :id""")
    int markOutboxWritten(UUID id);

    /**
     * Hands the outbox files of a name over to the job that just wrote them: earlier jobs of the name no longer own
     * them, and a result of theirs that was waiting for pickup has been replaced, so that job expires.
     *
     * @return how many earlier jobs owned them
     */
    @Query("""
            WITH superseded AS (
                UPDATE drops SET outbox_deleted_at = now()
                WHERE tenant_id = :tenantId AND outbox_name = :outboxName AND job_id <> :writer
                  AND outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL)
            UPDATE jobs SET updated_at = now(),
                            expired_at = CASE WHEN status = 'SUCCEEDED' THEN now() ELSE expired_at END,
                            status = CASE WHEN status = 'SUCCEEDED' THEN 'EXPIRED' ELSE status END
            WHERE id IN (SELECT job_id FROM drops
                         WHERE tenant_id = :tenantId AND outbox_name = :outboxName AND job_id <> :writer
                           AND outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL)""")
    int supersedeOutbox(String tenantId, String outboxName, UUID writer);

    /** The drop whose job wrote the outbox files of the name last and still owns them. */
    @Query("""
            SELECT * FROM drops
            WHERE tenant_id = :tenantId AND outbox_name = :outboxName
              AND outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL
            ORDER BY outbox_written_at DESC
            LIMIT 1""")
    Optional<Drop> findOutboxOwner(String tenantId, String outboxName);

    /**
     * The partner read the result (or error file) whole: its files stay for the grace window, so that a download
     * that failed on its side can be repeated.
     */
    @Query("""
            WITH due AS (
                UPDATE jobs SET pickup_due_at = now() + make_interval(secs => :graceSeconds), updated_at = now()
                WHERE id = :id AND status IN ('SUCCEEDED', 'FAILED')
                  AND EXISTS (SELECT 1 FROM drops WHERE job_id = :id AND outbox_deleted_at IS NULL))
            UPDATE drops SET picked_up_at = now()
            WHERE job_id = :id AND outbox_deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM jobs WHERE id = :id AND status IN ('SUCCEEDED', 'FAILED'))""")
    int recordPickup(UUID id, double graceSeconds);

    /** The partner deleted the result: it has it, and the job's other files go now. */
    @Query("""
            WITH downloaded AS (
                UPDATE jobs SET status = 'DOWNLOADED', downloaded_at = now(), pickup_due_at = now(), updated_at = now()
                WHERE id = :id AND status = 'SUCCEEDED')
            UPDATE drops SET picked_up_at = now()
            WHERE job_id = :id AND EXISTS (SELECT 1 FROM jobs WHERE id = :id AND status = 'SUCCEEDED')""")
    int markPickedUpByDeletion(UUID id);

    /** Results picked up whose grace windows are over are DOWNLOADED. */
    @Query("""
            UPDATE jobs SET status = 'DOWNLOADED', downloaded_at = now(), updated_at = now()
            WHERE status = 'SUCCEEDED' AND source = 'DROP' AND pickup_due_at <= now()""")
    int completePickups();

    /** Failed drops whose error file the partner read, or which waited for it longer than the retention. */
    @Query("""
            SELECT drops.* FROM drops JOIN jobs ON jobs.id = drops.job_id
            WHERE jobs.status = 'FAILED'
              AND drops.outbox_written_at IS NOT NULL AND drops.outbox_deleted_at IS NULL
              AND (jobs.pickup_due_at <= now() OR jobs.failed_at < now() - make_interval(secs => :retentionSeconds))
            ORDER BY jobs.updated_at
            LIMIT :limit""")
    List<Drop> failedWithOutboxDue(double retentionSeconds, int limit);

    /** The outbox files are gone, and so are the partner's reads of them. */
    @Query("""
            WITH forgotten AS (DELETE FROM result_reads WHERE job_id = :id),
                 touched AS (UPDATE jobs SET updated_at = now() WHERE id = :id)
            UPDATE drops SET outbox_deleted_at = now() WHERE job_id = :id AND outbox_deleted_at IS NULL""")
    int markOutboxDeleted(UUID id);

    /** Whether any job's outbox files are still there: only then may the cleanup find work. */
    @Query("SELECT EXISTS (SELECT 1 FROM drops WHERE outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL)")
    boolean anyOutboxFiles();
}
