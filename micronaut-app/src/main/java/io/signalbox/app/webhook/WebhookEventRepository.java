package io.signalbox.app.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook events and their attempts. Tenant lists are passed as comma-separated text: tenant ids cannot contain a
 * comma.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookEventRepository extends GenericRepository<WebhookEvent, Long> {

    Optional<WebhookEvent> findById(Long id);

    @Query("SELECT * FROM webhook_events WHERE job_id = :jobId ORDER BY id")
    List<WebhookEvent> findByJobId(UUID jobId);

    /**
     * Forgets the new events of jobs that have no callback target: no URL of their own and a tenant without one.
     *
     * @param tenantsWithUrl the tenants with a configured URL
     * @return how many were forgotten
     */
    @Query("""
            DELETE FROM webhook_events
            WHERE status = 'PENDING' AND attempts = 0 AND callback_url IS NULL
              AND tenant_id <> ALL (string_to_array(:tenantsWithUrl, ','))""")
    int forgetUntargeted(String tenantsWithUrl);

    /**
     * Claims due events for an attempt, oldest first and at most {@code perTenant} of each tenant, by moving them a
     * lease ahead: an event whose sender dies is due again when the lease is over. Events another process is
     * claiming at the same moment are skipped, not waited for.
     *
     * @param leaseSeconds how long the claim holds
     * @param busyTenants tenants that have all the deliveries in flight they may have
     * @param perTenant the most events claimed of one tenant
     * @param limit the most events claimed in all
     * @return the claimed events
     */
    @Query("""
            UPDATE webhook_events SET next_attempt_at = now() + make_interval(secs => :leaseSeconds)
            WHERE id IN (
                SELECT claimed.id
                FROM (SELECT tenant_id, min(next_attempt_at) AS oldest
                      FROM webhook_events
                      WHERE status = 'PENDING' AND next_attempt_at <= now()
                        AND tenant_id <> ALL (string_to_array(:busyTenants, ','))
                      GROUP BY tenant_id) due
                CROSS JOIN LATERAL (
                    SELECT id FROM webhook_events event
                    WHERE event.tenant_id = due.tenant_id AND event.status = 'PENDING'
                      AND event.next_attempt_at <= now()
                    ORDER BY event.next_attempt_at, event.id
                    LIMIT :perTenant
                    FOR UPDATE SKIP LOCKED) claimed
                ORDER BY due.oldest
                LIMIT :limit)
            RETURNING *""")
    List<WebhookEvent> claimDue(double leaseSeconds, String busyTenants, int perTenant, int limit);

    /** When the earliest pending event is due (claimed ones: when their lease ends), or empty when none is pending. */
    @Query("SELECT min(next_attempt_at) FROM webhook_events WHERE status = 'PENDING'")
    Optional<Instant> earliestPending();

    /** Gives a claimed event back without an attempt: it is due again at once. */
    @Query("UPDATE webhook_events SET next_attempt_at = now() WHERE id = :id AND status = 'PENDING'")
    int unclaim(long id);

    /**
     * Records an attempt and, in the same statement, what it means for the event: delivered, given up after the
     * last attempt, or due again after {@code retrySeconds}.
     *
     * @return 1, or 0 when the event was no longer pending
     */
    @Query("""
            WITH attempt AS (
                INSERT INTO webhook_deliveries (event_id, job_id, attempt, started_at, url, status_code, latency_millis,
                                                error)
                SELECT id, job_id, attempts + 1, CAST(:startedAt AS TIMESTAMPTZ), CAST(:url AS TEXT),
                       CAST(:statusCode AS INTEGER), :latencyMillis, CAST(:error AS TEXT)
                FROM webhook_events WHERE id = :id AND status = 'PENDING')
            UPDATE webhook_events
            SET attempts = attempts + 1,
                status = CASE WHEN :delivered THEN 'DELIVERED'
                              WHEN attempts + 1 >= :maxAttempts THEN 'FAILED'
                              ELSE 'PENDING' END,
                finished_at = CASE WHEN :delivered OR attempts + 1 >= :maxAttempts THEN now() END,
                next_attempt_at = CASE WHEN :delivered OR attempts + 1 >= :maxAttempts THEN next_attempt_at
                                       ELSE now() + make_interval(secs => :retrySeconds) END
            WHERE id = :id AND status = 'PENDING'""")
    int recordAttempt(long id, Instant startedAt, @Nullable String url, @Nullable Integer statusCode,
            long latencyMillis, @Nullable String error, boolean delivered, int maxAttempts, double retrySeconds);

    @Query("SELECT * FROM webhook_deliveries WHERE job_id = :jobId ORDER BY id")
    List<WebhookAttempt> attemptsOfJob(UUID jobId);
}
