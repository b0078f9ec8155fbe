package io.signalbox.routes.cleanup;

import io.signalbox.routes.AdvisedRouteTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.routes.storage.PendingUpload;
import io.signalbox.routes.storage.StorageRoutes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The cleanup routes' routing alone: the timers are direct endpoints, the storage routes mock endpoints, the job
 * store a fake of {@link RetentionPolicy}. A job's files are recorded as deleted only once every deletion succeeded;
 * a failure leaves the job due, for the next run.
 */
class CleanupRoutesTest extends AdvisedRouteTest {

    private static final String EXPIRED = "direct:cleanup-expired";
    private static final String ABANDONED = "direct:cleanup-abandoned-uploads";

    private final FakeRetention retention = new FakeRetention();

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.storage.bucket", "signalbox",
                "signalbox.cleanup.interval-millis", "60000");
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        // Its uploads are never listed: the step that would list them is woven out below.
        return new CleanupRoutes(retention, new AbandonedUploads(null, Duration.ofHours(1), Clock.systemUTC()));
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        AdviceWith.adviceWith(context, "cleanup-expired", a -> {
            a.replaceFromWith(EXPIRED);
            a.weaveByToUri(StorageRoutes.DELETE_PREFIX).replace().to("mock:delete-prefix");
        });
        AdviceWith.adviceWith(context, "cleanup-delete-key", a -> {
            a.weaveByToUri("aws2-s3:*").replace().to("mock:s3-list");
            a.weaveByToUri(StorageRoutes.DELETE_OBJECT).replace().to("mock:delete-object");
        });
        AdviceWith.adviceWith(context, "cleanup-abandoned-uploads", a -> {
            a.replaceFromWith(ABANDONED);
            a.weaveByType(BeanDefinition.class).selectFirst().replace().process(exchange -> exchange.getMessage()
                    .setBody(List.of(new PendingUpload("outbox/acme/prices.result.csv", "upload-7", Instant.EPOCH))));
            a.weaveByToUri(StorageRoutes.ABORT_UPLOAD).replace().to("mock:abort-upload");
        });
        context.start();
    }

    @Test
    void aClaimedJobsPrefixesAndKeysAreDeletedForItsReceiptAndThenItIsRecorded() throws Exception {
        retention.due = List.of(new JobFiles("job-1", "acme", List.of("uploads/acme/job-1/", "results/acme/job-1/"),
                List.of("outbox/acme/prices.result.csv"), "expired"));
        MockEndpoint prefixes = getMockEndpoint("mock:delete-prefix");
        prefixes.expectedBodiesReceived("uploads/acme/job-1/", "results/acme/job-1/");
        prefixes.expectedPropertyReceived(StorageRoutes.RECEIPT_FOR, "job-1");
        prefixes.expectedPropertyReceived(StorageRoutes.DELETE_REASON, "expired");
        MockEndpoint list = getMockEndpoint("mock:s3-list");
        list.expectedHeaderReceived(AWS2S3Constants.PREFIX, "outbox/acme/prices.result.csv");
        list.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(
                S3Object.builder().key("outbox/acme/prices.result.csv").build(),
                S3Object.builder().key("outbox/acme/prices.result.csv.sha256").build())));
        MockEndpoint objects = getMockEndpoint("mock:delete-object");
        objects.expectedHeaderReceived(AWS2S3Constants.KEY, "outbox/acme/prices.result.csv");
        objects.expectedPropertyReceived(StorageRoutes.RECEIPT_FOR, "job-1");

        Exchange exchange = template.send(EXPIRED, e -> { });

        assertThat(exchange.getException()).isNull();
        MockEndpoint.assertIsSatisfied(prefixes, list, objects);
        assertThat(retention.calls).containsExactly("claim job-1", "deleted job-1");
    }

    @Test
    void aJobSomeoneElseIsDeletingIsLeftAlone() throws Exception {
        retention.due = List.of(new JobFiles("job-2", "acme", List.of("results/acme/job-2/"), List.of(), "failed"));
        retention.takenElsewhere.put("job-2", true);
        getMockEndpoint("mock:delete-prefix").expectedMessageCount(0);

        template.send(EXPIRED, e -> { });

        getMockEndpoint("mock:delete-prefix").assertIsSatisfied();
        assertThat(retention.calls).containsExactly("claim job-2");
    }

    @Test
    void aFailedDeletionLeavesTheJobDueForTheNextRun() {
        retention.due = List.of(new JobFiles("job-3", "acme", List.of("results/acme/job-3/"), List.of(), "downloaded"));
        getMockEndpoint("mock:delete-prefix").whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("S3 unavailable");
        });

        Exchange exchange = template.send(EXPIRED, e -> { });

        assertThat(exchange.getException()).hasMessageContaining("S3 unavailable");
        assertThat(retention.calls).containsExactly("claim job-3");
    }

    @Test
    void abandonedUploadsAreAbortedWithTheirReason() throws Exception {
        MockEndpoint abort = getMockEndpoint("mock:abort-upload");
        abort.expectedBodiesReceived(new PendingUpload("outbox/acme/prices.result.csv", "upload-7", Instant.EPOCH));
        abort.expectedPropertyReceived(StorageRoutes.DELETE_REASON, "abandoned-upload");

        template.send(ABANDONED, e -> { });

        abort.assertIsSatisfied();
    }

    /** The job store as the cleanup sees it, recording each claim and deletion. */
    private static final class FakeRetention implements RetentionPolicy {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, Boolean> takenElsewhere = new ConcurrentHashMap<>();
        volatile List<JobFiles> due = List.of();

        @Override
        public List<JobFiles> dueForDeletion() {
            return due;
        }

        @Override
        public boolean claim(JobFiles files) {
            calls.add("claim " + files.jobId());
            return !takenElsewhere.getOrDefault(files.jobId(), false);
        }

        @Override
        public void deleted(JobFiles files) {
            calls.add("deleted " + files.jobId());
        }
    }
}
