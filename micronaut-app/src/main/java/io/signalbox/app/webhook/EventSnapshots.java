package io.signalbox.app.webhook;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.signalbox.app.job.Job;
import java.util.Optional;
import java.util.UUID;

/** The job as each event's transition left it, kept with the event. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface EventSnapshots extends GenericRepository<Job, UUID> {

    @Query("SELECT (jsonb_populate_record(NULL::jobs, job_row)).* FROM webhook_events WHERE id = :eventId")
    Optional<Job> jobOf(long eventId);
}
