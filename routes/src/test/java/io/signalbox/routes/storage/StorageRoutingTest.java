package io.signalbox.routes.storage;

import io.signalbox.routes.AdvisedRouteTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage routes' routing alone: S3 is a mock endpoint per route, the beans that call S3 themselves are woven
 * out, the deletion receipts a fake. {@link StorageRoutesTest} runs the same routes on a real S3-API server.
 */
class StorageRoutingTest extends AdvisedRouteTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    /** Never called: every step that would use it is a mock endpoint or woven out here. */
    private final S3Client unreachable = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build();

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.storage.bucket", "signalbox",
                "signalbox.storage.part-size-bytes", String.valueOf(PartSchedule.MIN_PART_SIZE));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        PartSchedule schedule = new PartSchedule(8L * 1024 * 1024, 1000);
        StreamingUpload upload = new StreamingUpload(unreachable, "signalbox", schedule,
                PartStorage.inTemporaryFolder(schedule.firstPartSize()));
        return new StorageRoutes(upload, upload, new MultipartUploads(unreachable, "signalbox"),
                (jobId, key) -> events.add("noted " + key + " for " + jobId));
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        for (String route : List.of("storage-store", "storage-open", "storage-open-range", "storage-copy",
                "storage-stat", "storage-delete-object", "storage-delete-prefix")) {
            AdviceWith.adviceWith(context, route, a -> a.weaveByToUri("aws2-s3:*").replace().to("mock:s3-" + route));
        }
        AdviceWith.adviceWith(context, "storage-store",
                a -> a.weaveByType(BeanDefinition.class).selectFirst().replace().to("mock:streaming-upload"));
        AdviceWith.adviceWith(context, "storage-delete-prefix", a -> {
            a.weaveByType(BeanDefinition.class).selectFirst().replace().process(exchange -> exchange.getMessage()
                    .setBody(List.of(new PendingUpload(exchange.getMessage().getBody(String.class) + "2/result.csv",
                            "upload-1", Instant.EPOCH))));
            a.weaveByToUri(StorageRoutes.ABORT_UPLOAD).replace().to("mock:abort-upload");
            a.weaveByToUri(StorageRoutes.DELETE_OBJECT).replace().to("mock:delete-object");
        });
        context.start();
    }

    @AfterEach
    void closeClient() {
        unreachable.close();
    }

    @Test
    void aBodyOfKnownLengthStreamsStraightToS3AndAnyOtherGoesPartByPart() throws Exception {
        MockEndpoint s3 = getMockEndpoint("mock:s3-storage-store");
        MockEndpoint streaming = getMockEndpoint("mock:streaming-upload");
        s3.expectedHeaderReceived(AWS2S3Constants.KEY, "results/t/j/1/result.csv");
        streaming.expectedHeaderReceived(AWS2S3Constants.KEY, "outbox/acme/prices.result.csv");

        store("results/t/j/1/result.csv", 1024L);
        store("outbox/acme/prices.result.csv", null);

        MockEndpoint.assertIsSatisfied(s3, streaming);
    }

    @Test
    void aCopyAnswersFalseWhenTheSourceIsGoneOrChangedAndFailsOnAnythingElse() {
        MockEndpoint s3 = getMockEndpoint("mock:s3-storage-copy");

        assertThat(copy().getMessage().getBody()).isEqualTo(true);
        s3.whenAnyExchangeReceived(exchange -> {
            throw s3Error(404);
        });
        assertThat(copy().getMessage().getBody()).isEqualTo(false);
        s3.whenAnyExchangeReceived(exchange -> {
            throw s3Error(412);
        });
        assertThat(copy().getMessage().getBody()).isEqualTo(false);
        s3.whenAnyExchangeReceived(exchange -> {
            throw s3Error(503);
        });
        assertThat(copy().getException()).isInstanceOf(S3Exception.class);
    }

    @Test
    void aMissingObjectHasNoMetadataAndARefusedLookupFails() {
        MockEndpoint s3 = getMockEndpoint("mock:s3-storage-stat");
        s3.whenAnyExchangeReceived(exchange -> {
            throw s3Error(404);
        });
        Exchange missing = template.send(StorageRoutes.STAT, withKey("inbox/acme/gone.csv"));
        assertThat(missing.getException()).isNull();
        assertThat(missing.getMessage().getBody()).isNull();

        s3.whenAnyExchangeReceived(exchange -> {
            throw s3Error(403);
        });
        assertThat(template.send(StorageRoutes.STAT, withKey("inbox/acme/gone.csv")).getException())
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void aJobsObjectIsNotedForItsReceiptBeforeItIsDeleted() {
        getMockEndpoint("mock:s3-storage-delete-object").whenAnyExchangeReceived(
                exchange -> events.add("deleted " + exchange.getMessage().getHeader(AWS2S3Constants.KEY)));

        Exchange exchange = template.send(StorageRoutes.DELETE_OBJECT, ExchangePattern.InOut, e -> {
            withKey("results/t/j/1/result.csv").process(e);
            e.setProperty(StorageRoutes.RECEIPT_FOR, "job-1");
            e.setProperty(StorageRoutes.DELETE_REASON, "expired");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(events).containsExactly("noted results/t/j/1/result.csv for job-1",
                "deleted results/t/j/1/result.csv");
    }

    @Test
    void aFailedDeletionFailsTheExchangeSoThatItIsRepeated() {
        getMockEndpoint("mock:s3-storage-delete-object").whenAnyExchangeReceived(exchange -> {
            throw s3Error(500);
        });

        Exchange exchange = template.send(StorageRoutes.DELETE_OBJECT, ExchangePattern.InOut, e -> {
            withKey("results/t/j/1/result.csv").process(e);
            e.setProperty(StorageRoutes.RECEIPT_FOR, "job-1");
        });

        assertThat(exchange.getException()).isInstanceOf(S3Exception.class);
        assertThat(events).containsExactly("noted results/t/j/1/result.csv for job-1");
    }

    @Test
    void anObjectOfNoJobIsDeletedWithoutANote() {
        getMockEndpoint("mock:s3-storage-delete-object").whenAnyExchangeReceived(
                exchange -> events.add("deleted " + exchange.getMessage().getHeader(AWS2S3Constants.KEY)));

        template.send(StorageRoutes.DELETE_OBJECT, withKey("outbox/acme/late.csv"));

        assertThat(events).containsExactly("deleted outbox/acme/late.csv");
    }

    @Test
    void deletingAPrefixAbortsItsUploadsThenDeletesEveryObjectListedUnderIt() throws Exception {
        MockEndpoint list = getMockEndpoint("mock:s3-storage-delete-prefix");
        list.expectedHeaderReceived(AWS2S3Constants.PREFIX, "results/t/j/");
        list.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(
                S3Object.builder().key("results/t/j/1/result.csv").build(),
                S3Object.builder().key("results/t/j/1/summary.json").build())));
        MockEndpoint abort = getMockEndpoint("mock:abort-upload");
        abort.expectedBodiesReceived(new PendingUpload("results/t/j/2/result.csv", "upload-1", Instant.EPOCH));
        MockEndpoint delete = getMockEndpoint("mock:delete-object");
        delete.expectedHeaderValuesReceivedInAnyOrder(AWS2S3Constants.KEY, "results/t/j/1/result.csv",
                "results/t/j/1/summary.json");

        Exchange exchange = template.send(StorageRoutes.DELETE_PREFIX, e -> e.getMessage().setBody("results/t/j/"));

        assertThat(exchange.getException()).isNull();
        MockEndpoint.assertIsSatisfied(list, abort, delete);
    }

    private void store(String key, Long length) {
        Exchange exchange = template.send(StorageRoutes.STORE, e -> {
            e.getMessage().setBody(new ByteArrayInputStream(new byte[16]));
            e.getMessage().setHeader(AWS2S3Constants.KEY, key);
            e.getMessage().setHeader(AWS2S3Constants.CONTENT_TYPE, "text/csv");
            if (length != null) {
                e.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, length);
            }
        });
        assertThat(exchange.getException()).isNull();
    }

    private Exchange copy() {
        return template.send(StorageRoutes.COPY, ExchangePattern.InOut, e -> {
            e.getMessage().setHeader(AWS2S3Constants.KEY, "inbox/acme/prices.csv");
            e.getMessage().setHeader(AWS2S3Constants.DESTINATION_KEY, "uploads/acme/job-1/input");
        });
    }

    private static Processor withKey(String key) {
        return exchange -> exchange.getMessage().setHeader(AWS2S3Constants.KEY, key);
    }

    private static S3Exception s3Error(int status) {
        return (S3Exception) S3Exception.builder().statusCode(status).message("status " + status).build();
    }
}
