package io.signalbox.routes.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.fixtures.aws.LocalAwsExtension;
import io.signalbox.routes.common.ErrorHandling;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.impl.DefaultCamelContext;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The route of reads on a real SQS-API server: reads of the outbox go to the pickups, reads of {@code results/} to
 * the downloads through presigned URLs, each with what its event said, and calls other than GetObject to neither.
 */
class PickupRoutesOnSqsTest {

    private static final String DOWNLOADS = LocalAwsExtension.DOWNLOADS_QUEUE;

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder()
            .queue(DOWNLOADS, Duration.ofSeconds(30), 5)
            .build();

    @Test
    void readsOfTheOutboxArePickupsAndReadsOfResultsAreDownloadsThroughPresignedUrls() throws Exception {
        BlockingQueue<ObjectRead> pickups = new LinkedBlockingQueue<>();
        BlockingQueue<ObjectRead> presigned = new LinkedBlockingQueue<>();
        DefaultCamelContext context = cleanup(new PickupRoutes(new GetObjectEventReader(), pickups::add,
                presigned::add));
        try {
            for (String event : List.of(event("e1", "GetObject", "outbox/acme/p.result.csv", "AuthHeader"),
                    event("e2", "HeadObject", "results/acme/j/1/result.csv", "QueryString"),
                    event("e3", "GetObject", "results/acme/j/1/result.csv", "QueryString"),
                    event("e4", "GetObject", "results/acme/j/1/result.csv", "AuthHeader"))) {
                AWS.sqs().sendMessage(request -> request.queueUrl(AWS.queueUrl(DOWNLOADS)).messageBody(event));
            }

            ObjectRead pickup = pickups.poll(1, TimeUnit.MINUTES);
            ObjectRead first = presigned.poll(1, TimeUnit.MINUTES);
            ObjectRead second = presigned.poll(1, TimeUnit.MINUTES);

            assertThat(pickup).isNotNull();
            assertThat(pickup.key()).isEqualTo("outbox/acme/p.result.csv");
            assertThat(List.of(first, second)).extracting(ObjectRead::eventId, ObjectRead::presignedUrl)
                    .containsExactlyInAnyOrder(Tuple.tuple("e3", true),
                            Tuple.tuple("e4", false));
            assertThat(pickups.poll(2, TimeUnit.SECONDS)).as("nothing else was a pickup").isNull();
            assertThat(presigned.poll(0, TimeUnit.SECONDS)).as("a HeadObject is no read").isNull();
        } finally {
            context.stop();
        }
    }

    private static DefaultCamelContext cleanup(PickupRoutes routes) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.putAll(Map.of(
                "signalbox.queues.downloads", DOWNLOADS,
                "signalbox.queues.wait-time-seconds", "1",
                "signalbox.queues.account-id", "000000000000",
                "signalbox.storage.region", AWS.region()));
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

    private static String event(String id, String call, String key, String authenticationMethod) {
        return """
                {"version":"0","id":"eb-%1$s","detail-type":"AWS API Call via CloudTrail","source":"aws.s3",
                 "detail":{"eventSource":"s3.amazonaws.com","eventName":"%2$s","eventID":"%1$s",
                           "eventTime":"2026-03-01T10:15:30Z",
                           "requestParameters":{"bucketName":"signalbox","key":"%3$s"},
                           "additionalEventData":{"AuthenticationMethod":"%4$s","bytesTransferredOut":10.0}}}
                """.formatted(id, call, key, authenticationMethod);
    }
}
