package io.signalbox.app.camel;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.storage.StorageRoutes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Camel with the selected route groups when the application starts, before the HTTP server takes requests,
 * and stops it gracefully when the application stops: consumers stop first, exchanges in flight get the shutdown
 * timeout to finish, and whatever is still running then is left to be delivered again.
 */
@Singleton
final class CamelLifecycle implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CamelLifecycle.class);

    private final CamelContext camel;
    private final RouteGroupSettings settings;
    private final ErrorHandling errorHandling;
    private final StorageRoutes storageRoutes;
    private final List<GroupRoutes> groupRoutes;

    CamelLifecycle(CamelContext camel, RouteGroupSettings settings, ErrorHandling errorHandling,
            StorageRoutes storageRoutes, List<GroupRoutes> groupRoutes) {
        this.camel = camel;
        this.settings = settings;
        this.errorHandling = errorHandling;
        this.storageRoutes = storageRoutes;
        this.groupRoutes = groupRoutes;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            camel.addRoutesConfigurations(errorHandling);
            camel.addRoutes(storageRoutes);
            for (GroupRoutes routes : groupRoutes) {
                if (settings.runs(routes.group())) {
                    camel.addRoutes(routes);
                }
            }
            camel.start();
            LOG.info("Camel started with route groups {}: {} routes", settings.groups(), camel.getRoutes().size());
        } catch (Exception e) {
            throw new IllegalStateException("Camel could not start: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        camel.stop();
    }
}
