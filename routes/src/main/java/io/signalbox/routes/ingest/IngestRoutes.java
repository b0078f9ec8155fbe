package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.ObjectEventReader;
import io.signalbox.routes.common.Queues;
import io.signalbox.topology.RouteGroup;
import io.signalbox.routes.storage.StorageRoutes;
import io.signalbox.topology.BucketLayout;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
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
    /** The headers of storage calls: each call sets its own. */
    private static final String STORAGE_HEADERS = "CamelAwsS3*";

    private final ObjectEventReader reader;
    private final String bucket;
    private final UploadIntake uploads;
    private final DropIntake drops;
    private final OutboxDeletions outboxDeletions;
    private final TakenVersions versions = new TakenVersions();
    private final TakeDecisions decisions = new TakeDecisions();

    /**
     * @param reader reads S3's event JSON
     * @param bucket the service's bucket; events of other buckets mean nothing
     * @param uploads decides what an upload arriving means
     * @param drops what a dropped file's job is, where its files are, and the job's writes
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
        // Every storage call is a step here; the beans between them only decide what its answer means.
        from(DROP).routeId("ingest-drop").errorHandler(noErrorHandler())
                // register: the job of this object version, made once
                .bean(drops, "register")
                .choice()
                    .when(body().isNull())
                        .setBody(constant((Object) null))
                    .when(simple("${body.awaitingFiles}"))
                        // where its files are (a key the drop folder cannot take fails the job)
                        .bean(drops, "files")
                        .setProperty(TAKE, body())
                        // files larger than this leave the inbox as a copy in parts
                        .setProperty(StorageRoutes.COPY_PART_BYTES,
                                simple("{{signalbox.partners.copy-part-bytes}}", Long.class))
                    // queued already: sent again, since the earlier send may have failed after the job was queued
                    .otherwise()
                        .setBody(simple("${body.jobId}"))
                .end()
                // take the data file: the job's copy an earlier delivery made, ...
                .filter(at(DropTake.Step.FIND_COPY))
                    .process(storageKey("${exchangeProperty." + TAKE + ".files.inputKey}"))
                    .to(StorageRoutes.STAT)
                    .setProperty(TAKE, method(decisions, "copyFound(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                // ... else the file in the inbox: gone, the version announced, or replaced by a newer upload
                .filter(at(DropTake.Step.FIND_DATA_FILE))
                    .process(storageKey("${exchangeProperty." + TAKE + ".files.dataFile.key}"))
                    .to(StorageRoutes.STAT)
                    .setProperty(TAKE, method(decisions, "dataFileFound(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                // copied only while it is still the version announced; large files in parts
                .filter(at(DropTake.Step.COPY_DATA_FILE))
                    .process(copy())
                    .to(StorageRoutes.COPY)
                    .setProperty(TAKE, method(decisions, "dataFileCopied(${exchangeProperty." + TAKE + "})"))
                .end()
                // the job's copy, without which it was superseded
                .filter(at(DropTake.Step.CHECK_COPY))
                    .process(storageKey("${exchangeProperty." + TAKE + ".files.inputKey}"))
                    .to(StorageRoutes.STAT)
                    .setProperty(TAKE, method(decisions, "copyChecked(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                // take the signals sidecar: the first of its names that is there
                .loopDoWhile(at(DropTake.Step.FIND_SIGNALS))
                    .process(storageKey("${exchangeProperty." + TAKE + ".signalsSought.key}"))
                    .to(StorageRoutes.STAT)
                    .setProperty(TAKE, method(decisions, "signalsFound(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                .filter(at(DropTake.Step.COPY_SIGNALS))
                    .process(copy())
                    .to(StorageRoutes.COPY)
                    .setProperty(TAKE, method(decisions, "signalsCopied(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                // read the recipe sidecar: no valid recipe fails the job
                .filter(at(DropTake.Step.FIND_RECIPE))
                    .process(storageKey("${exchangeProperty." + TAKE + ".files.recipe.key}"))
                    .to(StorageRoutes.STAT)
                    .setProperty(TAKE, method(decisions, "recipeFound(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                .filter(at(DropTake.Step.READ_RECIPE))
                    .process(storageKey("${exchangeProperty." + TAKE + ".recipe.key}"))
                    .to(StorageRoutes.OPEN)
                    .setProperty(TAKE, method(decisions, "recipeRead(${exchangeProperty." + TAKE + "}, ${body})"))
                .end()
                // record: the job has its files
                .filter(at(DropTake.Step.RECORD))
                    .setProperty(TAKE, method(drops, "record(${exchangeProperty." + TAKE + "})"))
                .end()
                // or fail, the reason written into the outbox first: once the row says FAILED, no delivery of the
                // event comes back to write it
                .filter(at(DropTake.Step.FAIL))
                    .filter(simple("${exchangeProperty." + TAKE + ".failure.reported}"))
                        .bean(drops, "errorFile(${exchangeProperty." + TAKE + "})")
                        .removeHeaders(STORAGE_HEADERS)
                        .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                        .setHeader(AWS2S3Constants.CONTENT_TYPE, constant(ErrorFile.CONTENT_TYPE))
                        .setHeader(AWS2S3Constants.CONTENT_LENGTH, simple("${body.length}"))
                        .setBody(simple("${body.stream}"))
                        .to(StorageRoutes.STORE)
                    .end()
                    .setProperty(TAKE, method(drops, "fail(${exchangeProperty." + TAKE + "})"))
                .end()
                .filter(exchangeProperty(TAKE).isNotNull())
                    // delete from the inbox what was taken, if it is still the version taken
                    .split(simple("${exchangeProperty." + TAKE + ".leaving}"))
                        .setProperty(LEAVING, body())
                        .process(storageKey("${body.key}"))
                        .to(StorageRoutes.STAT)
                        .filter(method(versions, "stillTaken(${exchangeProperty." + LEAVING + "}, ${body})"))
                            .setProperty(StorageRoutes.DELETE_REASON, simple("${exchangeProperty." + LEAVING
                                    + ".reason}"))
                            .to(StorageRoutes.DELETE_OBJECT)
                        .end()
                    .end()
                    // queue: AWAITING_UPLOAD → QUEUED
                    .setBody(exchangeProperty(TAKE))
                    .bean(drops, "queue")
                .end();
    }

    /** @return whether the take is at that step */
    private static Predicate at(DropTake.Step step) {
        return exchange -> {
            DropTake take = exchange.getProperty(TAKE, DropTake.class);
            return take != null && take.next() == step;
        };
    }

    /** Sets the key of a storage call, and only that: headers of an earlier call must not condition this one. */
    private Processor storageKey(String key) {
        Expression expression = simple(key);
        return exchange -> {
            String value = expression.evaluate(exchange, String.class);
            exchange.getMessage().removeHeaders(STORAGE_HEADERS);
            exchange.getMessage().setHeader(AWS2S3Constants.KEY, value);
        };
    }

    /** Sets the headers of the take's copy, only while the source is still the version seen. */
    private Processor copy() {
        return exchange -> {
            Copy copy = exchange.getProperty(TAKE, DropTake.class).copy();
            exchange.getMessage().removeHeaders(STORAGE_HEADERS);
            exchange.getMessage().setHeader(AWS2S3Constants.KEY, copy.sourceKey());
            exchange.getMessage().setHeader(AWS2S3Constants.DESTINATION_KEY, copy.destinationKey());
            exchange.getMessage().setHeader(AWS2S3Constants.IF_MATCH_CONDITION, copy.ifMatch());
            exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, copy.bytes());
        };
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
