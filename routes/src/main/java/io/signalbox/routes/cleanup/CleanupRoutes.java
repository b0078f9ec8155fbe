package io.signalbox.routes.cleanup;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.topology.RouteGroup;
import io.signalbox.routes.storage.StorageRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;

/**
 * Group {@code cleanup}: deletes the objects of jobs past their retention, failed, cancelled, downloaded, or picked
 * up by their partner, unfinished multipart uploads under their prefixes included, and aborts the other multipart
 * uploads nobody will finish.
 */
public final class CleanupRoutes extends EndpointRouteBuilder implements GroupRoutes {

    private static final String FILES = "signalboxJobFiles";
    private static final String KEY = "signalboxKey";
    private static final String DELETE_KEY = "direct:cleanup-delete-key";

    private final RetentionPolicy retention;
    private final AbandonedUploads abandonedUploads;

    /**
     * @param retention decides what must go
     * @param abandonedUploads finds multipart uploads nobody will finish
     */
    public CleanupRoutes(RetentionPolicy retention, AbandonedUploads abandonedUploads) {
        this.retention = retention;
        this.abandonedUploads = abandonedUploads;
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
                    .filter(method(retention, "claim"))
                        .setProperty(FILES, body())
                        .setProperty(StorageRoutes.DELETE_REASON, simple("${body.reason}"))
                        .setProperty(StorageRoutes.RECEIPT_FOR, simple("${body.jobId}"))
                        .split(simple("${body.prefixes}"))
                            .to(StorageRoutes.DELETE_PREFIX)
                        .end()
                        .split(simple("${exchangeProperty." + FILES + ".keys}"))
                            .to(DELETE_KEY)
                        .end()
                        .bean(retention, "deleted(${exchangeProperty." + FILES + "})")
                    .end()
                .end();

        from(timer("cleanup-abandoned-uploads").period("{{signalbox.cleanup.interval-millis}}").delay(1000))
                .routeId("cleanup-abandoned-uploads")
                .setProperty(StorageRoutes.DELETE_REASON, constant("abandoned-upload"))
                .bean(abandonedUploads, "find")
                .split(body())
                    .to(StorageRoutes.ABORT_UPLOAD)
                .end();

        // Listing the key as a prefix tells whether it is there, so that only objects that existed get an audit line.
        from(DELETE_KEY).routeId("cleanup-delete-key")
                .setProperty(KEY, body())
                .setHeader(AWS2S3Constants.PREFIX, body())
                .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.listObjects))
                .split(body())
                    .filter(simple("${body.key} == ${exchangeProperty." + KEY + "}"))
                        .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                        .to(StorageRoutes.DELETE_OBJECT)
                    .end()
                .end();
    }
}
