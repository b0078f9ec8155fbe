package io.signalbox.app.presigned;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/**
 * Presigned uploads in PostgreSQL. Completing and aborting are each one conditional UPDATE that only one caller can
 * win, so that an upload is never both completed and aborted; each returns the rows it changed.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PresignedUploadRepository extends CrudRepository<PresignedUpload, UUID> {

    @Query("""
            UPDATE presigned_uploads SET completed_at = now()
            WHERE job_id = :jobId AND completed_at IS NULL AND aborted_at IS NULL""")
    int claimCompletion(UUID jobId);

    /** Undoes a claim whose completion failed in storage, so that the owner can try again. */
    @Query("UPDATE presigned_uploads SET completed_at = NULL WHERE job_id = :jobId")
    int releaseCompletion(UUID jobId);

    @Query("""
            UPDATE presigned_uploads SET aborted_at = now()
            WHERE job_id = :jobId AND completed_at IS NULL AND aborted_at IS NULL""")
    int claimAbort(UUID jobId);

    /** Undoes a claim whose abort failed in storage. */
    @Query("UPDATE presigned_uploads SET aborted_at = NULL WHERE job_id = :jobId")
    int releaseAbort(UUID jobId);

    /** Uploads still open although their job will never take them: expired, cancelled or failed. */
    @Query("""
            SELECT p.* FROM presigned_uploads p JOIN jobs j ON j.id = p.job_id
            WHERE p.completed_at IS NULL AND p.aborted_at IS NULL
              AND j.status IN ('EXPIRED', 'CANCELLED', 'FAILED')
            ORDER BY p.created_at
            LIMIT :limit""")
    List<PresignedUpload> abandoned(int limit);
}
