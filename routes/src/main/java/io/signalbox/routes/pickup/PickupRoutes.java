package io.signalbox.routes.pickup;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.Queues;
import io.signalbox.routes.common.RouteGroup;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Part of group {@code cleanup}: partners' reads of their outbox, as CloudTrail {@code GetObject} data events
 * delivered by EventBridge to the downloads queue, acknowledge their results.
 */
public final class PickupRoutes extends EndpointRouteBuilder implements GroupRoutes {

    private final GetObjectEventReader reader;
    private final ResultPickups pickups;

    /**
     * @param reader reads EventBridge's JSON
     * @param pickups records what each read means
     */
    public PickupRoutes(GetObjectEventReader reader, ResultPickups pickups) {
        this.reader = reader;
        this.pickups = pickups;
    }

    @Override
    public RouteGroup group() {
        return RouteGroup.CLEANUP;
    }

    @Override
    public void configure() {
        from(Queues.queue("signalbox.queues.downloads").waitTimeSeconds("{{signalbox.queues.wait-time-seconds}}")
                        .maxMessagesPerPoll(10))
                .routeId("cleanup-pickup").routeConfigurationId(ErrorHandling.ID)
                .bean(reader, "read")
                .filter(body().isNotNull())
                    .bean(pickups, "read")
                .end();
    }
}
