package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class QueuesTest {

    @TempDir
    static Path data;

    private static LocalAws aws;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        aws = LocalAws.builder()
                .dataDirectory(data)
                .credentials("service-key", "service-secret")
                .bucket("signalbox")
                .queue("jobs", Duration.ofSeconds(1), 2)
                .queue("redrive", Duration.ofSeconds(30), 2)
                .start();
        sqs = Clients.sqs(aws);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        aws.close();
    }

    @Test
    void everyQueueHasADeadLetterQueueNamedInItsRedrivePolicy() throws Exception {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request
                .queueUrl(aws.queueUrl("jobs")).attributeNames(QueueAttributeName.ALL)).attributes();
        String deadLetterArn = sqs.getQueueAttributes(request -> request.queueUrl(aws.queueUrl("jobs-dlq"))
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);

        JsonNode redrive = new ObjectMapper().readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(deadLetterArn)
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:jobs-dlq");
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(2);
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("1");
        assertThat(aws.queueUrls()).containsOnlyKeys("jobs", "jobs-dlq", "redrive", "redrive-dlq");
        assertThat(aws.queueUrl("jobs")).isEqualTo(aws.sqsEndpoint() + "/000000000000/jobs");
    }

    @Test
    void aReceivedMessageStaysInvisibleForTheVisibilityTimeoutAndThenComesBack() {
        String queue = aws.queueUrl("jobs");
        sqs.sendMessage(request -> request.queueUrl(queue).messageBody("job-1"));

        List<Message> first = receive(queue, 0);
        List<Message> whileInvisible = receive(queue, 0);
        List<Message> afterTimeout = receive(queue, 3);

        assertThat(first).extracting(Message::body).containsExactly("job-1");
        assertThat(whileInvisible).isEmpty();
        assertThat(afterTimeout).extracting(Message::body).containsExactly("job-1");
        assertThat(afterTimeout.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");
        sqs.deleteMessage(request -> request.queueUrl(queue).receiptHandle(afterTimeout.get(0).receiptHandle()));
        Clients.drain(sqs, aws.queueUrl("jobs-dlq"), Duration.ZERO);
    }

    @Test
    void changeMessageVisibilityKeepsAReceivedMessageHiddenBeyondTheQueuesTimeout() {
        String queue = aws.queueUrl("jobs");
        sqs.sendMessage(request -> request.queueUrl(queue).messageBody("long job"));
        Message received = receive(queue, 1).get(0);

        sqs.changeMessageVisibility(request -> request.queueUrl(queue).receiptHandle(received.receiptHandle())
                .visibilityTimeout(5));
        List<Message> withinExtension = receive(queue, 2);
        List<Message> afterExtension = receive(queue, 6);

        assertThat(withinExtension).isEmpty();
        assertThat(afterExtension).extracting(Message::body).containsExactly("long job");
        sqs.deleteMessage(request -> request.queueUrl(queue).receiptHandle(afterExtension.get(0).receiptHandle()));
    }

    @Test
    void aMessageReceivedMoreThanMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String queue = aws.queueUrl("redrive");
        sqs.sendMessage(request -> request.queueUrl(queue).messageBody("poison"));

        for (int attempt = 1; attempt <= 2; attempt++) {
            Message message = receive(queue, 1).get(0);
            assertThat(message.body()).isEqualTo("poison");
            sqs.changeMessageVisibility(request -> request.queueUrl(queue).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
        List<Message> third = receive(queue, 1);
        List<Message> deadLetters = receive(aws.queueUrl("redrive-dlq"), 1);

        assertThat(third).isEmpty();
        assertThat(deadLetters).extracting(Message::body).containsExactly("poison");
    }

    private static List<Message> receive(String queueUrl, int waitSeconds) {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(waitSeconds)
                .maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }
}
