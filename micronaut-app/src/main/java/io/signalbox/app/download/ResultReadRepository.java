package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Reads of results, until together they deliver one whole. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ResultReadRepository extends GenericRepository<ResultRead, Long> {

    /**
     * @return 1 when the read was recorded, 0 when its event had been recorded already
     */
    @Query("""
            INSERT INTO result_reads (job_id, event_id, byte_range, bytes_sent)
            VALUES (:jobId, :eventId, :byteRange, :bytesSent)
            ON CONFLICT (job_id, event_id) DO NOTHING""")
    int record(UUID jobId, String eventId, @Nullable String byteRange, @Nullable Long bytesSent);

    /**
     * @return the reads of the job's result since its last complete delivery
     */
    @Query("SELECT * FROM result_reads WHERE job_id = :jobId AND counted_at IS NULL ORDER BY id")
    List<ResultRead> uncounted(UUID jobId);

    @Query("UPDATE result_reads SET counted_at = now() WHERE job_id = :jobId AND counted_at IS NULL")
    int markCounted(UUID jobId);
}
