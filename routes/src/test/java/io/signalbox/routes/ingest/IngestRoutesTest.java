package io.signalbox.routes.ingest;

import io.signalbox.routes.AdvisedRouteTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.MalformedEventException;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.common.ObjectEventReader;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest route's routing alone: the events queue is a direct endpoint, the jobs queue a mock endpoint, the
 * intakes fakes. An upload's event and a drop folder's go to their own intake; a message that is no S3 event fails,
 * so that it stays on its queue and ends in the dead-letter queue.
 */
class IngestRoutesTest extends AdvisedRouteTest {

    private static final String EVENTS = "direct:events";

    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> transientFailures = new CopyOnWriteArrayList<>();
    private MockEndpoint jobs;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.storage.region", "us-east-1",
                "signalbox.queues.account-id", "000000000000",
                "signalbox.queues.events", "signalbox-events",
                "signalbox.queues.jobs", "signalbox-jobs",
                "signalbox.queues.wait-time-seconds", "1",
                "signalbox.ingest.visibility-timeout-seconds", "30",
                "signalbox.partners.copy-part-bytes", "5242880");
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        UploadIntake uploads = event -> {
            accepted.add("upload " + event.key());
            return event.key().endsWith("/input") ? "job-1" : null;
        };
        DropIntake drops = new RefusingDropIntake("a drop queued before is only sent to the jobs queue again") {
            @Override
            public DroppedJob register(ObjectEvent event) {
                accepted.add("drop " + event.key());
                return new DroppedJob("job-2", event, false);
            }
        };
        OutboxDeletions outboxDeletions = event -> accepted.add("outbox deletion " + event.key());
        return new RoutesBuilder[] {
            new ErrorHandling((jobId, cause) -> transientFailures.add(cause.getClass().getSimpleName())),
            new IngestRoutes(new ObjectEventReader(), "signalbox", uploads, drops, outboxDeletions)};
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        AdviceWith.adviceWith(context, "ingest-receive", a -> {
            a.replaceFromWith(EVENTS);
            a.weaveByToUri("aws2-sqs:*").replace().to("mock:jobs");
        });
        context.start();
        jobs = getMockEndpoint("mock:jobs");
    }

    @Test
    void eachEventGoesToItsIntakeAndTheJobsItNamesToTheJobsQueue() throws Exception {
        jobs.expectedBodiesReceived("job-1", "job-2");

        Exchange exchange = template.send(EVENTS, e -> e.getMessage().setBody(notification(
                "uploads/acme/job-1/input", "uploads/acme/job-1/other", "inbox/acme/prices.csv")));

        assertThat(exchange.getException()).isNull();
        jobs.assertIsSatisfied();
        assertThat(accepted).containsExactly("upload uploads/acme/job-1/input", "upload uploads/acme/job-1/other",
                "drop inbox/acme/prices.csv");
    }

    @Test
    void aMessageThatIsNoS3EventFailsAndStaysOnItsQueue() throws Exception {
        jobs.expectedMessageCount(0);

        Exchange exchange = template.send(EVENTS, e -> e.getMessage().setBody("job 42 is ready"));

        assertThat(exchange.getException()).isInstanceOf(MalformedEventException.class);
        jobs.assertIsSatisfied();
        assertThat(transientFailures).containsExactly("MalformedEventException");
    }

    /** An S3 event notification with one record per key, as S3 sends it to SQS. */
    private static String notification(String... keys) {
        return Stream.of(keys).map(key -> "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"signalbox\"},"
                        + "\"object\":{\"key\":\"" + key + "\",\"size\":3}}}")
                .collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }
}
