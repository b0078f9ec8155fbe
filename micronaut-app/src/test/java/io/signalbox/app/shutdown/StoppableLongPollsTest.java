package io.signalbox.app.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.localaws.LocalAws;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** Long polls against a real SQS-API server, stopped in the middle. */
class StoppableLongPollsTest {

    private static final Duration VISIBILITY = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private LocalAws aws;
    private SqsClient sqs;
    private StoppableLongPolls longPolls;
    private String queue;

    @BeforeEach
    void start() {
        aws = LocalAws.builder().dataDirectory(data).credentials("service-key", "service-secret").bucket("signalbox")
                .queue("jobs", VISIBILITY, 5).start();
        sqs = SqsClient.builder().endpointOverride(aws.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
        longPolls = new StoppableLongPolls(sqs);
        queue = aws.queueUrl("jobs");
    }

    @AfterEach
    void stop() {
        sqs.close();
        aws.close();
    }

    @Test
    void passesMessagesAndOtherCallsThroughUntilStopped() {
        SqsClient consumers = longPolls.consumersClient();
        consumers.sendMessage(request -> request.queueUrl(queue).messageBody("job-1"));

        List<Message> received = consumers.receiveMessage(request -> request.queueUrl(queue).waitTimeSeconds(5)).messages();

        assertThat(received).extracting(Message::body).containsExactly("job-1");
        consumers.deleteMessage(request -> request.queueUrl(queue).receiptHandle(received.get(0).receiptHandle()));
        assertThat(consumers.toString()).startsWith("StoppableLongPolls(");
    }

    @Test
    void aLongPollInProgressEndsAtOnceWhenStopped() throws Exception {
        CompletableFuture<ReceiveMessageResponse> poll = CompletableFuture.supplyAsync(() ->
                longPolls.consumersClient().receiveMessage(request -> request.queueUrl(queue).waitTimeSeconds(20)));
        awaitReceiveInFlight();

        long stopping = System.nanoTime();
        longPolls.stop();

        assertThat(poll.get(5, TimeUnit.SECONDS).messages()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        assertThat(longPolls.consumersClient().receiveMessage(request -> request.queueUrl(queue).waitTimeSeconds(20))
                .messages()).as("no new poll after the stop").isEmpty();
    }

    @Test
    void aMessageThatArrivesForAnAbandonedPollGoesBackToTheQueueAtOnce() throws Exception {
        CompletableFuture<ReceiveMessageResponse> poll = CompletableFuture.supplyAsync(() ->
                longPolls.consumersClient().receiveMessage(request -> request.queueUrl(queue).waitTimeSeconds(20)));
        awaitReceiveInFlight();
        longPolls.stop();
        assertThat(poll.get(5, TimeUnit.SECONDS).messages()).isEmpty();

        sqs.sendMessage(request -> request.queueUrl(queue).messageBody("job-2"));

        // Without the release it would stay invisible for the queue's 60 s visibility timeout.
        List<Message> again = sqs.receiveMessage(request -> request.queueUrl(queue).waitTimeSeconds(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(again).extracting(Message::body).containsExactly("job-2");
        assertThat(again.get(0).attributes()).as("received by the abandoned poll, then by this one")
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
    }

    /** Gives the receive time to reach the server; SQS shows no count of waiting long polls to poll for instead. */
    private static void awaitReceiveInFlight() throws InterruptedException {
        Thread.sleep(500);
    }
}
