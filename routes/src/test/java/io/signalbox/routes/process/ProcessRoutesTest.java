package io.signalbox.routes.process;

import io.signalbox.routes.AdvisedRouteTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.processors.BadInputException;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.storage.PartSchedule;
import io.signalbox.routes.storage.PartStorage;
import io.signalbox.routes.storage.StreamingUpload;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The process routes alone: the queues are direct endpoints, S3's getObject a mock endpoint, the job store a fake
 * of {@link JobExecution}, the engine the real one. What each outcome does to the message: a transient failure
 * fails the exchange (the SQS consumer leaves the message for redelivery), bad input fails the job and completes the
 * exchange (the message is deleted), a job that is no longer this attempt's is only logged.
 */
class ProcessRoutesTest extends AdvisedRouteTest {

    private static final String JOBS = "direct:jobs";
    private static final String DEAD_LETTERS = "direct:jobs-dlq";
    private static final String PRICES = """
            date,symbol,open,high,low,close,volume
            2025-01-02,AAPL,186.16,187.71,184.11,185.69,30110507
            2025-01-03,AAPL,185.69,188.00,185.00,187.20,28110507
            """;

    private final FakeJobStore store = new FakeJobStore();
    private final List<String> transientFailures = new CopyOnWriteArrayList<>();
    /** Never called by these tests: the results they write fail or stop before their first part is uploaded. */
    private final S3Client unreachable = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private MockEndpoint getObject;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.storage.bucket", "signalbox",
                "signalbox.storage.region", "us-east-1",
                "signalbox.queues.account-id", "000000000000",
                "signalbox.queues.jobs", "signalbox-jobs",
                "signalbox.queues.jobs-dlq", "signalbox-jobs-dlq",
                "signalbox.queues.wait-time-seconds", "1",
                "signalbox.process.visibility-timeout-seconds", "30",
                "signalbox.process.concurrency", "1");
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        PartSchedule schedule = new PartSchedule(8L * 1024 * 1024, 1000);
        StreamingUpload results = new StreamingUpload(unreachable, "signalbox", schedule,
                PartStorage.inTemporaryFolder(schedule.firstPartSize()));
        JobProcessor processor = new JobProcessor(SignalEngine.builder().threads(1).build(), unreachable, results,
                store);
        return new RoutesBuilder[] {
            new ErrorHandling((jobId, cause) -> transientFailures.add(jobId + ": " + cause.getMessage())),
            new ProcessRoutes(store, processor)};
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        AdviceWith.adviceWith(context, "process-run", route -> {
            route.replaceFromWith(JOBS);
            route.weaveByToUri("aws2-s3:*").replace().to("mock:s3-get-object");
        });
        AdviceWith.adviceWith(context, "process-dead-letter", route -> route.replaceFromWith(DEAD_LETTERS));
        context.start();
        getObject = getMockEndpoint("mock:s3-get-object");
        getObject.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(
                new ByteArrayInputStream(PRICES.getBytes(StandardCharsets.UTF_8))));
    }

    @AfterEach
    void closeClient() {
        unreachable.close();
    }

    @Test
    void aClaimedJobsInputIsReadFromItsKey() throws Exception {
        store.claimable = job("job-1");
        getObject.expectedHeaderReceived(AWS2S3Constants.KEY, "uploads/acme/job-1/input");
        store.abandonAtTheEnd = true;

        deliver("job-1");

        getObject.assertIsSatisfied();
        assertThat(store.calls).startsWith("claim job-1 by message-1");
    }

    @Test
    void aRunsOutcomeIsRecordedAndTheMessageIsDeleted() throws Exception {
        JobOutcome outcome = new JobOutcome(120, "ab".repeat(32), "results/acme/job-0/1/result.csv", 80,
                "cd".repeat(32), null, "{}");
        // The engine's run itself is the processor's (its result is written to S3); here it only answers.
        AdviceWith.adviceWith(context, "process-run", route -> route
                .weaveByToString("Bean\\[" + JobProcessor.class.getName() + "]")
                .replace().process(exchange -> exchange.getMessage().setBody(outcome)));
        store.claimable = job("job-0");

        Exchange exchange = deliver("job-0");

        assertThat(exchange.getException()).as("the exchange completes, so the message is deleted").isNull();
        assertThat(store.calls).containsExactly("claim job-0 by message-1", "succeed job-0");
        assertThat(store.outcome).isSameAs(outcome);
    }

    @Test
    void aMessageWhoseJobCannotBeClaimedIsDeletedWithoutReadingAnything() throws Exception {
        store.claimable = null;
        getObject.expectedMessageCount(0);

        Exchange exchange = deliver("job-done");

        assertThat(exchange.getException()).as("the exchange completes, so the message is deleted").isNull();
        getObject.assertIsSatisfied();
        assertThat(store.calls).containsExactly("claim job-done by message-1");
    }

    @Test
    void badInputFailsTheJobAndTheMessageIsDeleted() {
        store.claimable = job("job-2");
        getObject.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(
                new ByteArrayInputStream("when,what\nyesterday,nothing\n".getBytes(StandardCharsets.UTF_8))));

        Exchange exchange = deliver("job-2");

        assertThat(exchange.getException()).as("the exchange completes, so the message is deleted").isNull();
        assertThat(store.calls).hasSize(2).last().asString().startsWith("fail job-2: prices.csv");
        assertThat(transientFailures).isEmpty();
    }

    @Test
    void aTransientFailureFailsTheExchangeSoTheMessageIsDeliveredAgain() {
        store.claimable = job("job-3");
        getObject.whenAnyExchangeReceived(exchange -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });

        Exchange exchange = deliver("job-3");

        assertThat(exchange.getException()).as("the SQS consumer keeps a failed exchange's message")
                .isInstanceOf(SdkClientException.class);
        assertThat(store.calls).containsExactly("claim job-3 by message-1");
        assertThat(transientFailures).containsExactly("job-3: Unable to execute HTTP request: Connection refused");
    }

    @Test
    void aJobNoLongerThisAttemptsIsOnlyLogged() {
        store.claimable = job("job-4");
        store.abandonAtTheEnd = true;

        Exchange exchange = deliver("job-4");

        assertThat(exchange.getException()).as("the exchange completes, so the message is deleted").isNull();
        assertThat(store.calls).containsExactly("claim job-4 by message-1", "progress job-4");
        assertThat(transientFailures).isEmpty();
    }

    @Test
    void aDeadLetterFailsItsJob() {
        Exchange exchange = template.send(DEAD_LETTERS, e -> e.getMessage().setBody("job-5"));

        assertThat(exchange.getException()).isNull();
        assertThat(store.calls).containsExactly("failUndeliverable job-5");
    }

    @Test
    void aDeadLetterThatCannotBeRecordedStaysOnItsQueue() {
        store.storeDown = true;

        Exchange exchange = template.send(DEAD_LETTERS, e -> e.getMessage().setBody("job-6"));

        assertThat(exchange.getException()).hasMessageContaining("database unavailable");
        assertThat(transientFailures).containsExactly("job-6: database unavailable");
    }

    private Exchange deliver(String jobId) {
        return template.send(JOBS, exchange -> {
            exchange.getMessage().setBody(jobId);
            exchange.getMessage().setHeader(Sqs2Constants.MESSAGE_ID, "message-1");
        });
    }

    private static ClaimedJob job(String id) {
        return new ClaimedJob(id, "acme", 1, "uploads/acme/" + id + "/input", "prices.csv", "default", null,
                "results/acme/" + id + "/1/", null, null, null);
    }

    /** The job store as the routes see it, recording each call. */
    private static final class FakeJobStore implements JobExecution {

        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile ClaimedJob claimable;
        volatile boolean abandonAtTheEnd;
        volatile boolean storeDown;
        volatile JobOutcome outcome;

        @Override
        public ClaimedJob claim(String jobId, String messageId) {
            calls.add("claim " + jobId + " by " + messageId);
            return claimable;
        }

        @Override
        public void progress(ClaimedJob job, long rowsRead) {
            calls.add("progress " + job.id());
            if (abandonAtTheEnd) {
                throw new JobAbandonedException(job.id(), job.attempt());
            }
        }

        @Override
        public void succeed(ClaimedJob job, JobOutcome outcome) {
            calls.add("succeed " + job.id());
            this.outcome = outcome;
        }

        @Override
        public void fail(ClaimedJob job, BadInputException error) {
            calls.add("fail " + job.id() + ": " + error.getMessage());
        }

        @Override
        public void failUndeliverable(String jobId) {
            if (storeDown) {
                throw new IllegalStateException("database unavailable");
            }
            calls.add("failUndeliverable " + jobId);
        }
    }
}
