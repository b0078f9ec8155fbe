package io.signalbox.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.fixtures.aws.LocalAwsExtension;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.common.ObjectEventReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Two ingest consumers, as two ingest tasks would run, on a real SQS-API server whose events queue hides a message
 * for 2 s: an event whose work (a large drop's copy out of the inbox) takes far longer is still worked on once.
 */
class IngestVisibilityTest {

    private static final String EVENTS = LocalAwsExtension.EVENTS_QUEUE;
    private static final Duration WORK = Duration.ofSeconds(8);

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder()
            .queue(EVENTS, Duration.ofSeconds(2), 5)
            .build();

    @Test
    void anEventWhoseWorkOutlastsTheVisibilityTimeoutIsWorkedOnOnce() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch worked = new CountDownLatch(1);
        UploadIntake slowCopy = event -> {
            accepted.incrementAndGet();
            LockSupport.parkNanos(WORK.toNanos());
            worked.countDown();
            return null;
        };
        DropIntake noDrops = new RefusingDropIntake("no file is dropped");
        OutboxDeletions noDeletions = event -> {
            throw new AssertionError("no outbox file is deleted");
        };
        List<CamelContext> tasks = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                tasks.add(ingest(new IngestRoutes(new ObjectEventReader(), "signalbox", slowCopy, noDrops, noDeletions)));
            }
            AWS.sqs().sendMessage(request -> request.queueUrl(AWS.queueUrl(EVENTS)).messageBody(event()));

            assertThat(worked.await(2, TimeUnit.MINUTES)).as("the event was worked on").isTrue();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (messagesOn(EVENTS) > 0) {
                assertThat(Instant.now()).as("the event leaves its queue once worked on").isBefore(deadline);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            assertThat(accepted).as("times the event was taken; twice means a copy ran twice").hasValue(1);
        } finally {
            tasks.forEach(CamelContext::stop);
        }
    }

    private static CamelContext ingest(IngestRoutes routes) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.putAll(Map.of(
                "signalbox.queues.events", EVENTS,
                "signalbox.queues.jobs", LocalAwsExtension.JOBS_QUEUE,
                "signalbox.queues.wait-time-seconds", "1",
                "signalbox.queues.account-id", "000000000000",
                "signalbox.storage.region", AWS.region(),
                "signalbox.ingest.visibility-timeout-seconds", "2",
                "signalbox.partners.copy-part-bytes", "5242880"));
        context.getPropertiesComponent().setInitialProperties(settings);
        Sqs2Configuration queues = context.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration();
        URI endpoint = AWS.sqsEndpoint();
        queues.setAmazonSQSClient(AWS.sqs());
        queues.setProtocol(endpoint.getScheme());
        queues.setAmazonAWSHost(endpoint.getRawAuthority());
        context.addRoutesConfigurations(new ErrorHandling((jobId, cause) -> { }));
        context.addRoutes(routes);
        context.start();
        return context;
    }

    private static long messagesOn(String queue) {
        return AWS.sqs().getQueueAttributes(request -> request.queueUrl(AWS.queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    private static String event() {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"2026-01-05T09:00:00.000Z","eventName":"ObjectCreated:CompleteMultipartUpload",
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"signalbox","arn":"arn:aws:s3:::signalbox"},
                "object":{"key":"uploads/acme/6a1f/input","size":64424509440,"eTag":"abc-12",
                "sequencer":"0055AED6DCD90281E5"}}}]}""";
    }
}
