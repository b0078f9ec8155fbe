package io.signalbox.routes.cleanup;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.Queues;
import io.signalbox.topology.RouteGroup;
import io.signalbox.topology.BucketLayout;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Part of group {@code cleanup}: reads of results, as CloudTrail {@code GetObject} data events delivered by
 * EventBridge to the downloads queue. Partners' reads of their outbox acknowledge their results; clients' reads of
 * {@code results/} through presigned URLs deliver theirs.
 */
public final class PickupRoutes extends EndpointRouteBuilder implements GroupRoutes {

    private final GetObjectEventReader reader;
    private final ResultPickups pickups;
    private final PresignedDownloads presignedDownloads;

    /**
     * @param reader reads EventBridge's JSON
     * @param pickups records what each read of the outbox means
     * @param presignedDownloads records what each read of {@code results/} means
     */
    public PickupRoutes(GetObjectEventReader reader, ResultPickups pickups, PresignedDownloads presignedDownloads) {
        this.reader = reader;
        this.pickups = pickups;
        this.presignedDownloads = presignedDownloads;
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
                    .choice()
                        .when(exchange -> exchange.getMessage().getBody(ObjectRead.class).key()
                                .startsWith(BucketLayout.RESULTS))
                            .bean(presignedDownloads, "read")
                        .otherwise()
                            .bean(pickups, "read")
                    .end()
                .end();
    }
}
