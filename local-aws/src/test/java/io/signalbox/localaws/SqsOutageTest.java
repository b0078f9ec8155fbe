package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An SQS outage on demand: the server stops, refuses connections, and comes back on the same port and URLs. */
class SqsOutageTest {

    @TempDir
    Path data;

    private LocalAws aws;
    private S3Client s3;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        aws = LocalAws.builder()
                .dataDirectory(data)
                .credentials("service-key", "service-secret")
                .bucket("signalbox")
                .queue("events", Duration.ofSeconds(7), 3)
                .objectEvents(List.of("uploads/"), "events")
                .start();
        s3 = Clients.s3(aws);
        sqs = Clients.sqs(aws);
    }

    @AfterEach
    void stop() {
        s3.close();
        sqs.close();
        aws.close();
    }

    @Test
    void stoppedSqsRefusesConnectionsWhileS3KeepsServing() {
        String queue = aws.queueUrl("events");
        aws.stopSqs();

        assertThatThrownBy(() -> sqs.sendMessage(request -> request.queueUrl(queue).messageBody("lost")))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Unable to execute HTTP request");
        s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/during-outage.csv"),
                RequestBody.fromString("x\n"));
        assertThat(s3.headObject(request -> request.bucket("signalbox").key("uploads/t1/during-outage.csv"))
                .contentLength()).isEqualTo(2);
    }

    @Test
    void restartedSqsServesTheSameQueuesAtTheSameUrlsAndPublishesEventsAgain() {
        String queue = aws.queueUrl("events");
        int port = aws.sqsEndpoint().getPort();
        aws.stopSqs();
        aws.startSqs();

        assertThat(aws.sqsEndpoint().getPort()).isEqualTo(port);
        assertThat(aws.queueUrl("events")).isEqualTo(queue);
        assertThat(sqs.getQueueAttributes(request -> request.queueUrl(queue)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY))
                .attributes())
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "7")
                .hasEntrySatisfying(QueueAttributeName.REDRIVE_POLICY,
                        policy -> assertThat(policy).contains("events-dlq").contains("\"maxReceiveCount\":3"));
        s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/after-outage.csv"),
                RequestBody.fromString("x\n"));
        assertThat(Clients.drain(sqs, queue, Duration.ZERO)).singleElement().asString()
                .contains("\"key\":\"uploads/t1/after-outage.csv\"");
    }

    @Test
    void anEventOfAWriteDuringTheOutageIsSentOnceSqsIsBack() {
        String queue = aws.queueUrl("events");
        aws.stopSqs();
        s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/held.csv"), RequestBody.fromString("x\n"));
        aws.startSqs();

        List<String> events = Clients.drain(sqs, queue, Duration.ofSeconds(20));

        assertThat(events).singleElement().asString().contains("\"key\":\"uploads/t1/held.csv\"");
    }

    @Test
    void refusesToStopTwiceOrToStartWhatRuns() {
        assertThatThrownBy(aws::startSqs).isInstanceOf(IllegalStateException.class)
                .hasMessage("the SQS server is not stopped");
        aws.stopSqs();
        assertThatThrownBy(aws::stopSqs).isInstanceOf(IllegalStateException.class)
                .hasMessage("the SQS server is not running");
    }
}
