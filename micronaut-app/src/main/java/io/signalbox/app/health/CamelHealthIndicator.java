package io.signalbox.app.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * Readiness: the Camel context is started and so is every route of the selected route groups. A route still
 * waiting for its bucket or queue, or one an operator stopped or suspended, makes the process not ready.
 */
@Singleton
@Readiness
final class CamelHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final CamelContext camel;

    CamelHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        ServiceStatus context = camel.getStatus();
        Map<String, Object> routes = new TreeMap<>();
        boolean started = context.isStarted() && !camel.getRoutes().isEmpty();
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            routes.put(route.getRouteId(), status == null ? "Unknown" : status.name());
            started &= status != null && status.isStarted();
        }
        healthStatus = started ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("context", camel.getName(), "status", context.name(), "routes", routes);
    }

    @Override
    protected String getName() {
        return "camel";
    }
}
