package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.ObjectEventReader;
import io.signalbox.routes.common.Queues;
import io.signalbox.routes.common.RouteGroup;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.Sqs2EndpointBuilderFactory.Sqs2EndpointConsumerBuilder;

/**
 * Group {@code ingest}: S3 event notifications on the events queue become jobs on the jobs queue, whether the file
 * came as an upload or was dropped into a partner's inbox.
 */
public final class IngestRoutes extends EndpointRouteBuilder implements GroupRoutes {

    private final ObjectEventReader reader;
    private final UploadIntake intake;
    private final DropFolderIntake dropFolder;

    /**
     * @param reader reads S3's event JSON
     * @param intake decides what each event about an upload means
     * @param dropFolder decides what each event in a partner's drop folder means
     */
    public IngestRoutes(ObjectEventReader reader, UploadIntake intake, DropFolderIntake dropFolder) {
        this.reader = reader;
        this.intake = intake;
        this.dropFolder = dropFolder;
    }

    @Override
    public RouteGroup group() {
        return RouteGroup.INGEST;
    }

    @Override
    public void configure() {
        from(eventsQueue()).routeId("ingest-receive").routeConfigurationId(ErrorHandling.ID)
                .bean(reader, "read")
                .split(body()).stopOnException()
                    .choice()
                        .when(simple("${body.key} startsWith '" + DropFolderIntake.INBOX + "' || ${body.key} startsWith '"
                                + DropFolderIntake.OUTBOX + "'"))
                            .bean(dropFolder, "accept")
                        .otherwise()
                            .bean(intake, "accept")
                    .end()
                    .filter(body().isNotNull())
                        .removeHeaders("*")
                        .to(Queues.queue("signalbox.queues.jobs"))
                    .end()
                .end();
    }

    /**
     * One event at a time, kept invisible for as long as it is being worked on: taking a partner's drop of many GB
     * out of the inbox is a copy that can outlast the visibility timeout, and an event that reappeared meanwhile
     * would start the same copy twice.
     */
    private Sqs2EndpointConsumerBuilder eventsQueue() {
        return Queues.queue("signalbox.queues.events")
                .waitTimeSeconds("{{signalbox.queues.wait-time-seconds}}")
                .visibilityTimeout("{{signalbox.ingest.visibility-timeout-seconds}}")
                .extendMessageVisibility(true)
                .maxMessagesPerPoll(1);
    }
}
