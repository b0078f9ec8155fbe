package io.signalbox.app.logging;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signalbox.app.tenant.BearerAuthFilter;
import io.signalbox.app.tenant.Tenant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Puts the caller's tenant, the job named in the path and {@code route=api} into the MDC of an authenticated REST
 * request, on every thread the request runs on, until it ends. Runs after {@link BearerAuthFilter}.
 */
@ServerFilter("/v1/**")
@Order(BearerAuthFilter.ORDER + 1)
final class RequestLogContextFilter {

    private static final Pattern JOB_PATH = Pattern.compile("^/v1/jobs/([0-9a-fA-F-]{36})(/.*)?$");

    @RequestFilter
    void nameTheWork(HttpRequest<?> request, MutablePropagatedContext propagated) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> current = MDC.getCopyOfContextMap();
        if (current != null) {
            values.putAll(current);
        }
        values.put(LogContext.ROUTE, "api");
        request.getAttribute(BearerAuthFilter.TENANT, Tenant.class)
                .ifPresent(tenant -> values.put(LogContext.TENANT, tenant.id()));
        Matcher job = JOB_PATH.matcher(request.getPath());
        if (job.matches()) {
            values.put(LogContext.JOB_ID, job.group(1));
        }
        propagated.add(new MdcPropagationContext(values));
    }
}
