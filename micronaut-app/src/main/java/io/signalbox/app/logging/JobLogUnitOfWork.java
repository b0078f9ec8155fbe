package io.signalbox.app.logging;

import io.signalbox.routes.common.ErrorHandling;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.impl.engine.MDCUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.slf4j.MDC;

/**
 * Camel's MDC unit of work, plus the {@link LogContext} keys: {@code jobId}, {@code tenant} and {@code route}.
 *
 * <p>The exchange, not the thread, is where the job's identity lives. After every step, a job id or tenant that the
 * step put into the MDC (or that the caller had when the exchange began) is stored on the exchange; before every
 * step it is put back into the MDC of the thread that runs the step. So the keys survive Camel's thread hand-offs,
 * and when the unit of work lets go of a thread it restores what the thread had before, so that nothing leaks to
 * the next exchange on a pooled consumer thread or back into a caller's request.
 */
final class JobLogUnitOfWork extends MDCUnitOfWork {

    /** Where the tenant is kept on the exchange; the job id is kept in {@link ErrorHandling#JOB_ID}. */
    static final String TENANT_PROPERTY = "signalboxTenant";

    /**
     * The thread's values of the three keys when this unit of work began, restored whenever it lets go of a thread.
     * Deliberately without an initializer: the super constructor calls {@link #prepareMDC} before this class's
     * constructor body runs, and that first call captures them.
     */
    private Map<String, String> callerValues;

    private final InflightRepository inflight;
    private final boolean allowUseOriginal;
    private final boolean breadcrumb;

    JobLogUnitOfWork(Exchange exchange, InflightRepository inflight, boolean allowUseOriginal, boolean breadcrumb) {
        super(exchange, inflight, null, allowUseOriginal, breadcrumb);
        this.inflight = inflight;
        this.allowUseOriginal = allowUseOriginal;
        this.breadcrumb = breadcrumb;
    }

    @Override
    protected void prepareMDC(Exchange exchange) {
        super.prepareMDC(exchange);
        if (callerValues == null) {
            callerValues = new HashMap<>();
            callerValues.put(LogContext.JOB_ID, MDC.get(LogContext.JOB_ID));
            callerValues.put(LogContext.TENANT, MDC.get(LogContext.TENANT));
            callerValues.put(LogContext.ROUTE, MDC.get(LogContext.ROUTE));
            keepOnExchange(exchange);
        }
        putOrKeep(LogContext.JOB_ID, exchange.getProperty(ErrorHandling.JOB_ID, String.class));
        putOrKeep(LogContext.TENANT, exchange.getProperty(TENANT_PROPERTY, String.class));
        Route route = getRoute();
        if (route != null) {
            MDC.put(LogContext.ROUTE, route.getRouteId());
        }
    }

    @Override
    public UnitOfWork newInstance(Exchange exchange) {
        return new JobLogUnitOfWork(exchange, inflight, allowUseOriginal, breadcrumb);
    }

    @Override
    public void pushRoute(Route route) {
        super.pushRoute(route);
        if (route != null) {
            MDC.put(LogContext.ROUTE, route.getRouteId());
        }
    }

    @Override
    public Route popRoute() {
        Route popped = super.popRoute();
        Route previous = getRoute();
        if (previous != null) {
            MDC.put(LogContext.ROUTE, previous.getRouteId());
        } else {
            restore(LogContext.ROUTE);
        }
        return popped;
    }

    @Override
    public void afterProcess(Processor processor, Exchange exchange, AsyncCallback callback, boolean doneSync) {
        keepOnExchange(exchange);
        super.afterProcess(processor, exchange, callback, doneSync);
    }

    @Override
    public void clear() {
        super.clear();
        if (callerValues != null) {
            restore(LogContext.JOB_ID);
            restore(LogContext.TENANT);
            restore(LogContext.ROUTE);
        }
    }

    @Override
    public String toString() {
        return "JobLogUnitOfWork";
    }

    private static void keepOnExchange(Exchange exchange) {
        String jobId = MDC.get(LogContext.JOB_ID);
        if (jobId != null) {
            exchange.setProperty(ErrorHandling.JOB_ID, jobId);
        }
        String tenant = MDC.get(LogContext.TENANT);
        if (tenant != null) {
            exchange.setProperty(TENANT_PROPERTY, tenant);
        }
    }

    private static void putOrKeep(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private void restore(String key) {
        String value = callerValues.get(key);
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
