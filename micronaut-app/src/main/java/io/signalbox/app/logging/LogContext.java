package io.signalbox.app.logging;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.MDC;

/**
 * The MDC keys that tie a log line to the job it was written for, and the one way application code sets them.
 *
 * <p>Inside a Camel exchange the values set here are kept on the exchange and put back before each of its steps,
 * on whatever thread runs it ({@link JobLogUnitOfWork}); inside an HTTP request they last until the request
 * ends ({@link RequestLogContextFilter}). Neither leaves them behind on a pooled thread.
 */
public final class LogContext {

    /** The job's id. */
    public static final String JOB_ID = "jobId";
    /** The tenant owning the job. */
    public static final String TENANT = "tenant";
    /** The Camel route running the work, or {@code api} for a REST request. */
    public static final String ROUTE = "route";

    private LogContext() {
    }

    /**
     * Names the job the current work is for, from here to the end of the exchange or request.
     *
     * @param jobId the job
     * @param tenant its owner, or {@code null} when not known here
     */
    public static void job(String jobId, @Nullable String tenant) {
        MDC.put(JOB_ID, jobId);
        if (tenant != null) {
            MDC.put(TENANT, tenant);
        }
    }
}
