package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.ObjectEventReader;
import io.signalbox.routes.common.Queues;
import io.signalbox.topology.RouteGroup;
import io.signalbox.routes.storage.StorageRoutes;
import io.signalbox.topology.BucketLayout;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.Sqs2EndpointBuilderFactory.Sqs2EndpointConsumerBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * Group {@code ingest}: S3 event notifications on the events queue become jobs on the jobs queue. What an event
 * means is decided here, once, by its key's prefix: an upload arrived under {@code uploads/}, a file was dropped into
 * a partner's {@code inbox/}, a result was deleted from a partner's {@code outbox/}; everything else (the service's
 * own writes and deletes) means nothing.
 */
public final class IngestRoutes extends EndpointRouteBuilder implements GroupRoutes {

    /** A file dropped into a partner's inbox becomes a job: body an {@code ObjectCreated} event; answers a job id. */
    public static final String DROP = "direct:ingest-drop";

    private static final String TAKE = "signalboxDropTake";
    private static final String LEAVING = "signalboxInboxObject";

    private final ObjectEventReader reader;
    private final String bucket;
    private final UploadIntake uploads;
    private final DropIntake drops;
    private final OutboxDeletions outboxDeletions;
    private final TakenVersions versions = new TakenVersions();

    /**
     * @param reader reads S3's event JSON
     * @param bucket the service's bucket; events of other buckets mean nothing
     * @param uploads decides what an upload arriving means
     * @param drops the steps of taking a dropped file in
     * @param outboxDeletions decides what a file deleted from an outbox means
     */
    public IngestRoutes(ObjectEventReader reader, String bucket, UploadIntake uploads, DropIntake drops,
            OutboxDeletions outboxDeletions) {
        this.reader = reader;
        this.bucket = bucket;
        this.uploads = uploads;
        this.drops = drops;
        this.outboxDeletions = outboxDeletions;
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
                        // not the service's bucket
                        .when(simple("${body.bucket} != '" + bucket + "'"))
                            .setBody(constant((Object) null))
                        // upload arrived
                        .when(simple("${body.created} && ${body.key} startsWith '" + BucketLayout.UPLOADS + "'"))
                            .bean(uploads, "accept")
                        // file dropped
                        .when(simple("${body.created} && ${body.key} startsWith '" + BucketLayout.INBOX + "'"))
                            .to(DROP)
                        // result deleted from an outbox
                        .when(simple("${body.removed} && ${body.key} startsWith '" + BucketLayout.OUTBOX + "'"))
                            .bean(outboxDeletions, "deleted")
                            .setBody(constant((Object) null))
                        // the service's own writes and deletes
                        .otherwise()
                            .setBody(constant((Object) null))
                    .end()
                    .filter(body().isNotNull())
                        .removeHeaders("*")
                        .to(Queues.queue("signalbox.queues.jobs"))
                    .end()
                .end();

        // Failures go back to ingest-receive, whose policy leaves the event on its queue to be delivered again.
        from(DROP).routeId("ingest-drop").errorHandler(noErrorHandler())
                // the job of this object version, made once
                .bean(drops, "register")
                .choice()
                    .when(body().isNull())
                        .setBody(constant((Object) null))
                    .when(simple("${body.awaitingFiles}"))
                        // its files become the job's, or the job fails
                        .bean(drops, "take")
                        .setProperty(TAKE, body())
                        // what was taken leaves the inbox, if it is still the version taken
                        .split(simple("${body.leaving}"))
                            .setProperty(LEAVING, body())
                            .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                            .to(StorageRoutes.STAT)
                            .filter(method(versions, "stillTaken(${exchangeProperty." + LEAVING + "}, ${body})"))
                                .setProperty(StorageRoutes.DELETE_REASON, simple("${exchangeProperty." + LEAVING
                                        + ".reason}"))
                                .to(StorageRoutes.DELETE_OBJECT)
                            .end()
                        .end()
                        // AWAITING_UPLOAD → QUEUED
                        .setBody(exchangeProperty(TAKE))
                        .bean(drops, "queue")
                    .endChoice()
                    // queued already: sent again, since the earlier send may have failed after the job was queued
                    .otherwise()
                        .setBody(simple("${body.jobId}"))
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
