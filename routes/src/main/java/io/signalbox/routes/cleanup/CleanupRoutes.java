package io.signalbox.routes.cleanup;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.RouteGroup;
import io.signalbox.routes.storage.StorageRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/** Group {@code cleanup}: deletes the objects of jobs past their retention, failed or cancelled. */
public final class CleanupRoutes extends EndpointRouteBuilder implements GroupRoutes {

    private static final String FILES = "signalboxJobFiles";

    private final RetentionPolicy retention;

    /**
     * @param retention decides what must go
     */
    public CleanupRoutes(RetentionPolicy retention) {
        this.retention = retention;
    }

    @Override
    public RouteGroup group() {
        return RouteGroup.CLEANUP;
    }

    @Override
    public void configure() {
        from(timer("cleanup-expired").period("{{signalbox.cleanup.interval-millis}}").delay(1000))
                .routeId("cleanup-expired")
                .bean(retention, "dueForDeletion")
                .split(body())
                    .setProperty(ErrorHandling.JOB_ID, simple("${body.jobId}"))
                    .setProperty(FILES, body())
                    .setProperty(StorageRoutes.DELETE_REASON, simple("${body.reason}"))
                    .split(simple("${body.prefixes}"))
                        .to(StorageRoutes.DELETE_PREFIX)
                    .end()
                    .bean(retention, "deleted(${exchangeProperty." + FILES + "})")
                .end();
    }
}
