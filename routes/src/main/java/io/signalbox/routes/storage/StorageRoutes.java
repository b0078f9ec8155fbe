package io.signalbox.routes.storage;

import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;

/**
 * Object storage steps shared by every route group: storing, reading and deleting a job's objects. Started in
 * every process whatever its route groups, because the API and the cleanup both delete. On shutdown they stop
 * last, once the exchanges that use them have finished.
 */
public final class StorageRoutes extends EndpointRouteBuilder {

    /** Body: an InputStream; headers: the S3 key and content type, and the length when it is known. */
    public static final String STORE = "direct:storage-store";
    /** Header: the S3 key. Answers the object's stream. */
    public static final String OPEN = "direct:storage-open";
    /** Body: a key prefix such as {@code results/tenant/job/}; deletes every object under it. */
    public static final String DELETE_PREFIX = "direct:storage-delete-prefix";
    /** Header: the S3 key. Deletes the object and writes the audit line. */
    public static final String DELETE_OBJECT = "direct:storage-delete-object";
    /** Exchange property: why objects are deleted (downloaded, expired, cancelled, ...), for the audit log. */
    public static final String DELETE_REASON = "signalboxDeleteReason";

    private final StreamingUpload streamingUpload;
    private final DeletionAudit audit = new DeletionAudit();

    /**
     * @param streamingUpload stores bodies whose length is not known in advance
     */
    public StorageRoutes(StreamingUpload streamingUpload) {
        this.streamingUpload = streamingUpload;
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

        from(OPEN).routeId("storage-open").shutdownRoute(ShutdownRoute.Defer)
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.getObject));

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
