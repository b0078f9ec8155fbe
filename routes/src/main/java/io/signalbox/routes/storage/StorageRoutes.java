package io.signalbox.routes.storage;

import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object storage steps shared by every route group: storing, reading, copying and deleting a job's objects, and
 * aborting multipart uploads that were never finished. Started in
 * every process whatever its route groups, because the API and the cleanup both delete. On shutdown they stop
 * last, once the exchanges that use them have finished.
 */
public final class StorageRoutes extends EndpointRouteBuilder {

    /**
     * Body: an InputStream; headers: the S3 key and content type, and the length when it is known. A body of known
     * length that fits S3's 10,000 parts of the configured size streams straight through; any other one goes part by
     * part, with parts that grow as it does.
     */
    public static final String STORE = "direct:storage-store";
    /**
     * Body: an InputStream a client is sending; headers: the S3 key and content type. Stored one part at a time, so
     * S3 only ever sees whole parts and a slow sender holds memory, not an S3 connection. Failures go to the caller
     * unlogged: it knows whether the client or the storage failed.
     */
    public static final String RECEIVE = "direct:storage-receive";
    /** Header: the S3 key. Answers the object's stream. */
    public static final String OPEN = "direct:storage-open";
    /**
     * Headers: the S3 key, and the first and last byte of a range ({@code CamelAwsS3RangeStart},
     * {@code CamelAwsS3RangeEnd}). Answers the stream of those bytes of the object.
     */
    public static final String OPEN_RANGE = "direct:storage-open-range";
    /**
     * Body: a key prefix such as {@code results/tenant/job/}; aborts every unfinished multipart upload under it, then
     * deletes every object under it, so that nothing under it is left.
     */
    public static final String DELETE_PREFIX = "direct:storage-delete-prefix";
    /** Header: the S3 key. Deletes the object and writes the audit line. */
    public static final String DELETE_OBJECT = "direct:storage-delete-object";
    /** Body: a {@link PendingUpload}. Aborts it and writes the audit line. */
    public static final String ABORT_UPLOAD = "direct:storage-abort-upload";
    /**
     * Headers: the S3 key of the source, the destination key and, optionally, the ETag the source must still have
     * (in quotes) and the source's size ({@code CamelAwsS3ContentLength}). Copies the object within the bucket: in one
     * copy, or, for a source over {@link #COPY_PART_BYTES}, as a multipart upload of copied ranges of that size, each
     * under the same condition. Answers {@code true}, or {@code false} when the source is gone or changed.
     */
    public static final String COPY = "direct:storage-copy";
    /** Exchange property for {@link #COPY}: a source larger than this many bytes is copied in parts of this size. */
    public static final String COPY_PART_BYTES = "signalboxCopyPartBytes";
    /** Header: the S3 key. Answers the object's metadata, or {@code null} when there is no such object. */
    public static final String STAT = "direct:storage-stat";
    /** Exchange property: why objects are deleted (downloaded, expired, cancelled, ...), for the audit log. */
    public static final String DELETE_REASON = "signalboxDeleteReason";
    /** Exchange property: the job whose deletion receipt lists the objects deleted, when they are a job's files. */
    public static final String RECEIPT_FOR = "signalboxReceiptFor";

    private static final String PREFIX = "signalboxPrefix";

    private final StreamingUpload streamingUpload;
    private final StreamingUpload receivingUpload;
    private final MultipartUploads multipartUploads;
    private final DeletionReceipts receipts;
    private final DeletionAudit audit = new DeletionAudit();

    /**
     * @param streamingUpload stores bodies whose length is not known in advance
     * @param receivingUpload stores what clients upload, with S3 connections of its own
     * @param multipartUploads finds and aborts unfinished multipart uploads
     * @param receipts told of every object deleted for a job
     */
    public StorageRoutes(StreamingUpload streamingUpload, StreamingUpload receivingUpload,
            MultipartUploads multipartUploads, DeletionReceipts receipts) {
        this.streamingUpload = streamingUpload;
        this.receivingUpload = receivingUpload;
        this.multipartUploads = multipartUploads;
        this.receipts = receipts;
    }

    @Override
    public void configure() {
        from(STORE).routeId("storage-store").shutdownRoute(ShutdownRoute.Defer)
                .choice()
                    .when(method(streamingUpload, "fitsFixedParts(${header." + AWS2S3Constants.CONTENT_LENGTH + "})"))
                        .to(aws2S3("{{signalbox.storage.bucket}}").multiPartUpload(true)
                                .partSize("{{signalbox.storage.part-size-bytes}}"))
                    .otherwise()
                        .bean(streamingUpload, "upload(${header." + AWS2S3Constants.KEY + "}, ${header."
                                + AWS2S3Constants.CONTENT_TYPE + "}, ${body})")
                .end();

        from(RECEIVE).routeId("storage-receive").shutdownRoute(ShutdownRoute.Defer)
                .errorHandler(noErrorHandler())
                .bean(receivingUpload, "upload(${header." + AWS2S3Constants.KEY + "}, ${header."
                        + AWS2S3Constants.CONTENT_TYPE + "}, ${body})");

        from(OPEN).routeId("storage-open").shutdownRoute(ShutdownRoute.Defer)
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.getObject));

        from(OPEN_RANGE).routeId("storage-open-range").shutdownRoute(ShutdownRoute.Defer)
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.getObjectRange));

        // A missing or changed object is an answer here, not a failure to log.
        from(COPY).routeId("storage-copy").shutdownRoute(ShutdownRoute.Defer)
                .choice()
                    .when(simple("${exchangeProperty." + COPY_PART_BYTES + "} != null && ${header."
                            + AWS2S3Constants.CONTENT_LENGTH + "} > ${exchangeProperty." + COPY_PART_BYTES + "}"))
                        .bean(multipartUploads, "copy(${header." + AWS2S3Constants.KEY + "}, ${header."
                                + AWS2S3Constants.IF_MATCH_CONDITION + "}, ${header." + AWS2S3Constants.CONTENT_LENGTH
                                + "}, ${header." + AWS2S3Constants.DESTINATION_KEY + "}, ${exchangeProperty."
                                + COPY_PART_BYTES + "})")
                    .otherwise()
                        .setHeader(AWS2S3Constants.BUCKET_DESTINATION_NAME,
                                simple("${properties:signalbox.storage.bucket}"))
                        .doTry()
                            .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.copyObject))
                            .setBody(constant(true))
                        .doCatch(S3Exception.class).onWhen(simple("${exception.statusCode()} in '404,412'"))
                            .setBody(constant(false))
                        .endDoTry()
                .end();

        from(STAT).routeId("storage-stat").shutdownRoute(ShutdownRoute.Defer)
                .doTry()
                    .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.headObject))
                .doCatch(S3Exception.class).onWhen(simple("${exception.statusCode()} == 404"))
                    .setBody(constant((Object) null))
                .end();

        // Uploads first: one that completes meanwhile becomes an object, which the listing after it then finds.
        from(DELETE_PREFIX).routeId("storage-delete-prefix").shutdownRoute(ShutdownRoute.Defer)
                .setProperty(PREFIX, body())
                .bean(multipartUploads, "under(${body})")
                .split(body())
                    .to(ABORT_UPLOAD)
                .end()
                .setHeader(AWS2S3Constants.PREFIX, exchangeProperty(PREFIX))
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.listObjects))
                .split(simple("${body}"))
                    .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                    .to(DELETE_OBJECT)
                .end();

        from(DELETE_OBJECT).routeId("storage-delete-object").shutdownRoute(ShutdownRoute.Defer)
                .filter(exchangeProperty(RECEIPT_FOR).isNotNull())
                    .bean(receipts, "deleting(${exchangeProperty." + RECEIPT_FOR + "}, ${header." + AWS2S3Constants.KEY
                            + "})")
                .end()
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.deleteObject))
                .bean(audit, "deleted('{{signalbox.storage.bucket}}', ${header." + AWS2S3Constants.KEY
                        + "}, ${exchangeProperty." + DELETE_REASON + "})");

        from(ABORT_UPLOAD).routeId("storage-abort-upload").shutdownRoute(ShutdownRoute.Defer)
                .filter(method(multipartUploads, "abort"))
                    .bean(audit, "aborted('{{signalbox.storage.bucket}}', ${body}, ${exchangeProperty." + DELETE_REASON
                            + "})")
                .end();
    }
}
