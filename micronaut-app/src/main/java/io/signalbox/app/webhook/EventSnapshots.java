package io.signalbox.app.webhook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.signalbox.app.job.Job;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The job as each event's transition left it, kept with the event. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface EventSnapshots extends GenericRepository<Job, UUID> {

    @Query("SELECT (jsonb_populate_record(NULL::jobs, job_row)).* FROM webhook_events WHERE id = :eventId")
    Optional<Job> jobOf(long eventId);

    /** The key the job's file was dropped under, when the snapshot has one (see {@code DeliveryFacts}). */
    @Query("SELECT job_row->>'drop_key' FROM webhook_events WHERE id = :eventId AND job_row->>'drop_key' IS NOT NULL")
    Optional<String> objectKeyOf(long eventId);

    /** When the partner had last picked up the job's result, when the snapshot says. */
    @Query("""
            SELECT CAST(job_row->>'picked_up_at' AS TIMESTAMPTZ) FROM webhook_events
            WHERE id = :eventId AND job_row->>'picked_up_at' IS NOT NULL""")
    Optional<Instant> pickedUpAtOf(long eventId);
}
