package io.signalbox.app.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.JobRepository;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether an upload may start: at most {@code max-uploads} at once in this process, at most
 * {@code max-uploads-per-tenant} of one tenant, and none for a tenant with {@code max-queued-jobs-per-tenant} jobs
 * waiting for or in processing. A refusal is a 429 that {@link RetryAfterFilter} completes with {@code Retry-After}.
 *
 * <p>Metrics: {@code signalbox_uploads_active} (uploads admitted and not yet ended) and
 * {@code signalbox_uploads_refused_total{limit}} with {@code limit} one of {@code uploads}, {@code tenant_uploads},
 * {@code queued_jobs}.
 */
@Singleton
public final class UploadAdmission {

    private final AdmissionSettings settings;
    private final JobRepository jobs;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, AtomicInteger> activeByTenant = new ConcurrentHashMap<>();
    private final Counter refusedTotal;
    private final Counter refusedTenant;
    private final Counter refusedQueue;

    UploadAdmission(AdmissionSettings settings, JobRepository jobs, MeterRegistry meters) {
        this.settings = settings;
        this.jobs = jobs;
        Gauge.builder("signalbox.uploads.active", active, AtomicInteger::get)
                .description("Uploads being received through the REST API").register(meters);
        refusedTotal = refused(meters, "uploads");
        refusedTenant = refused(meters, "tenant_uploads");
        refusedQueue = refused(meters, "queued_jobs");
    }

    private static Counter refused(MeterRegistry meters, String limit) {
        return Counter.builder("signalbox.uploads.refused")
                .description("Uploads answered 429 because a limit was reached")
                .tag("limit", limit)
                .register(meters);
    }

    /**
     * Takes a place for one upload; it never blocks.
     *
     * @param tenantId the uploading tenant
     * @return the place, to be closed when the upload has ended, however it ended
     * @throws ApiException 429 when this process or the tenant already receives as many uploads as allowed
     */
    public Permit admit(String tenantId) {
        if (active.incrementAndGet() > settings.maxUploads()) {
            active.decrementAndGet();
            refusedTotal.increment();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_uploads", "the service is receiving "
                    + settings.maxUploads() + " uploads, as many as it takes at once; try again later");
        }
        AtomicInteger tenant = activeByTenant.computeIfAbsent(tenantId, id -> new AtomicInteger());
        if (tenant.incrementAndGet() > settings.maxUploadsPerTenant()) {
            tenant.decrementAndGet();
            active.decrementAndGet();
            refusedTenant.increment();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_uploads", "tenant " + tenantId + " has "
                    + settings.maxUploadsPerTenant() + " uploads in progress, as many as it may have at once;"
                    + " try again when one has ended");
        }
        return new Permit(tenant);
    }

    /**
     * Checks that the tenant may add a job to those waiting for processing; reads the database.
     *
     * @param tenantId the uploading tenant
     * @throws ApiException 429 when the tenant has as many jobs queued or in processing as allowed
     */
    public void checkQueue(String tenantId) {
        long waiting = jobs.countQueuedOrProcessing(tenantId);
        if (waiting >= settings.maxQueuedJobsPerTenant()) {
            refusedQueue.increment();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_jobs", "tenant " + tenantId + " has "
                    + waiting + " jobs queued or processing, and at most " + settings.maxQueuedJobsPerTenant()
                    + " may wait; try again when some have finished");
        }
    }

    /** A place taken by one upload; closing it more than once frees it once. */
    public final class Permit implements AutoCloseable {

        private final AtomicInteger tenant;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(AtomicInteger tenant) {
            this.tenant = tenant;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                tenant.decrementAndGet();
                active.decrementAndGet();
            }
        }
    }
}
