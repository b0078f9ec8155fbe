package io.signalbox.routes.storage;

import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object storage steps shared by every route group: storing, reading, copying and deleting a job's objects. Started in
 * every process whatever its route groups, because the API and the cleanup both delete. On shutdown they stop
 * last, once the exchanges that use them have finished.
 */
public final class StorageRoutes extends EndpointRouteBuilder {

    /** Body: an InputStream; headers: the S3 key and content type, and the length when it is known. */
    public static final String STORE = "direct:storage-store";
    /**
     * Body: an InputStream a client is sending; headers: the S3 key and content type. Stored one part at a time, so
     * S3 only ever sees whole parts and a slow sender holds memory, not an S3 connection. Failures go to the caller
     * unlogged: it knows whether the client or the storage failed.
     */
    public static final String RECEIVE = "direct:storage-receive";
    /** Header: the S3 key. Answers the object's stream. */
    public static final String OPEN = "direct:storage-open";
    /** Body: a key prefix such as {@code results/tenant/job/}; deletes every object under it. */
    public static final String DELETE_PREFIX = "direct:storage-delete-prefix";
    /** Header: the S3 key. Deletes the object and writes the audit line. */
    public static final String DELETE_OBJECT = "direct:storage-delete-object";
    /**
     * Headers: the S3 key of the source, the destination key and, optionally, the ETag the source must still have.
     * Copies the object within the bucket. Answers {@code true}, or {@code false} when the source is gone or changed.
     */
    public static final String COPY = "direct:storage-copy";
    /** Header: the S3 key. Answers the object's metadata, or {@code null} when there is no such object. */
    public static final String STAT = "direct:storage-stat";
    /** Exchange property: why objects are deleted (downloaded, expired, cancelled, ...), for the audit log. */
    public static final String DELETE_REASON = "signalboxDeleteReason";

    private final StreamingUpload streamingUpload;
    private final StreamingUpload receivingUpload;
    private final DeletionAudit audit = new DeletionAudit();

    /**
     * @param streamingUpload stores bodies whose length is not known in advance
     * @param receivingUpload stores what clients upload, with S3 connections of its own
     */
    public StorageRoutes(StreamingUpload streamingUpload, StreamingUpload receivingUpload) {
        this.streamingUpload = streamingUpload;
        this.receivingUpload = receivingUpload;
    }

    @Override
    public void configure() {
        from(STORE).routeId("storage-store").shutdownRoute(ShutdownRoute.Defer)
                .choice()
                    .when(header(AWS2S3Constants.CONTENT_LENGTH).isNotNull())
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

        // A missing or changed object is an answer here, not a failure to log.
        from(COPY).routeId("storage-copy").shutdownRoute(ShutdownRoute.Defer)
                .setHeader(AWS2S3Constants.BUCKET_DESTINATION_NAME, simple("${properties:signalbox.storage.bucket}"))
                .doTry()
                    .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.copyObject))
                    .setBody(constant(true))
                .doCatch(S3Exception.class).onWhen(simple("${exception.statusCode()} in '404,412'"))
                    .setBody(constant(false))
                .end();

        from(STAT).routeId("storage-stat").shutdownRoute(ShutdownRoute.Defer)
                .doTry()
                    .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.headObject))
                .doCatch(S3Exception.class).onWhen(simple("${exception.statusCode()} == 404"))
                    .setBody(constant(null))
                .end();

        from(DELETE_PREFIX).routeId("storage-delete-prefix").shutdownRoute(ShutdownRoute.Defer)
                .setHeader(AWS2S3Constants.PREFIX, body())
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.listObjects))
                .split(simple("${body}"))
                    .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                    .to(DELETE_OBJECT)
                .end();

        from(DELETE_OBJECT).routeId("storage-delete-object").shutdownRoute(ShutdownRoute.Defer)
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.deleteObject))
                .bean(audit, "deleted('{{signalbox.storage.bucket}}', ${header." + AWS2S3Constants.KEY
                        + "}, ${exchangeProperty." + DELETE_REASON + "})");
    }
}
