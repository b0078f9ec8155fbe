package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class LifecycleTest {

    @TempDir
    Path data;

    private LocalAws.Builder minimal() {
        return LocalAws.builder()
                .dataDirectory(data)
                .credentials("service-key", "service-secret")
                .bucket("signalbox")
                .queue("events", Duration.ofSeconds(1), 3)
                .objectEvents(List.of("uploads/"), "events");
    }

    @Test
    void closeReleasesBothPortsAndMayBeCalledTwice() throws IOException {
        LocalAws aws = minimal().start();
        int s3Port = aws.s3Endpoint().getPort();
        int sqsPort = aws.sqsEndpoint().getPort();

        aws.close();
        aws.close();

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket s3 = new ServerSocket(s3Port, 1, loopback);
                ServerSocket sqs = new ServerSocket(sqsPort, 1, loopback)) {
            assertThat(s3.getLocalPort()).isEqualTo(s3Port);
            assertThat(sqs.getLocalPort()).isEqualTo(sqsPort);
        }
    }

    @Test
    void aPortInUseFailsTheStartWithLocalAwsExceptionNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> minimal().s3Port(port).start())
                    .isInstanceOf(LocalAwsException.class)
                    .hasMessageContaining("S3 server could not listen on 127.0.0.1:" + port);
            assertThatThrownBy(() -> minimal().sqsPort(port).start())
                    .isInstanceOf(LocalAwsException.class)
                    .hasMessageContaining("SQS server could not listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void objectsAndPersistentQueuesSurviveARestart() {
        try (LocalAws aws = minimal().persistentQueues(true).start();
                S3Client s3 = Clients.s3(aws);
                SqsClient sqs = Clients.sqs(aws)) {
            s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/a.csv"), RequestBody.fromString("a"));
            sqs.sendMessage(request -> request.queueUrl(aws.queueUrl("events")).messageBody("waiting"));
        }

        try (LocalAws aws = minimal().persistentQueues(true).start();
                S3Client s3 = Clients.s3(aws);
                SqsClient sqs = Clients.sqs(aws)) {
            List<String> bodies = Clients.drain(sqs, aws.queueUrl("events"), Duration.ofSeconds(2));

            assertThat(bodies).hasSize(2).contains("waiting")
                    .anySatisfy(body -> assertThat(body).contains("ObjectCreated:Put", "uploads/t1/a.csv"));
            assertThat(s3.getObjectAsBytes(request -> request.bucket("signalbox").key("uploads/t1/a.csv"))
                    .asString(StandardCharsets.UTF_8)).isEqualTo("a");
        }
    }

    @Test
    void aMessageReceivedButNotDeletedBeforeARestartIsDeliveredAgain() {
        try (LocalAws aws = minimal().persistentQueues(true).start(); SqsClient sqs = Clients.sqs(aws)) {
            sqs.sendMessage(request -> request.queueUrl(aws.queueUrl("events")).messageBody("in flight"));
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(aws.queueUrl("events"))
                    .waitTimeSeconds(1)).messages();
            assertThat(received).extracting(Message::body).containsExactly("in flight");
        }

        try (LocalAws aws = minimal().persistentQueues(true).start(); SqsClient sqs = Clients.sqs(aws)) {
            assertThat(Clients.drain(sqs, aws.queueUrl("events"), Duration.ofSeconds(3)))
                    .containsExactly("in flight");
        }
    }

    @Test
    void queuesInMemoryStartEmptyAfterARestart() {
        try (LocalAws aws = minimal().start(); SqsClient sqs = Clients.sqs(aws)) {
            sqs.sendMessage(request -> request.queueUrl(aws.queueUrl("events")).messageBody("lost"));
        }

        try (LocalAws aws = minimal().start(); SqsClient sqs = Clients.sqs(aws)) {
            assertThat(Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void aSecondInstanceWithPersistentQueuesInTheSameJvmIsRefused(@TempDir Path other) {
        try (LocalAws first = minimal().persistentQueues(true).start()) {
            assertThatThrownBy(() -> minimal().dataDirectory(other).persistentQueues(true).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Persistent queues under " + other.resolve("sqs"))
                    .hasMessageContaining("one JVM-wide connection pool");
            assertThat(first.queueUrl("events")).isNotBlank();
        }
    }

    @Test
    void anEventThatCannotBePublishedDoesNotFailTheS3Request() {
        try (LocalAws aws = minimal().start(); S3Client s3 = Clients.s3(aws); SqsClient sqs = Clients.sqs(aws)) {
            sqs.deleteQueue(request -> request.queueUrl(aws.queueUrl("events")));

            s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/b.csv"), RequestBody.fromString("b"));

            assertThat(s3.getObjectAsBytes(request -> request.bucket("signalbox").key("uploads/t1/b.csv"))
                    .asString(StandardCharsets.UTF_8)).isEqualTo("b");
        }
    }

    @Test
    void rejectsEventsForAQueueThatIsNotDeclared() {
        LocalAws.Builder builder = minimal().getObjectEvents(List.of("outbox/"), "downloads");

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("getObjectEvents names queue \"downloads\", which is not declared with queue(...);"
                        + " declared: [events]");
    }

    @Test
    void rejectsAPartnerThatReusesTheServiceAccessKey() {
        LocalAws.Builder builder = minimal().partner("acme", "service-key", "partner-secret");

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partner \"acme\" reuses access key service-key");
    }

    @Test
    void rejectsSettingsThatS3OrSqsWouldRefuse() {
        LocalAws.Builder builder = LocalAws.builder();

        assertThatThrownBy(() -> builder.bucket("Signal_Box"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket must be an S3 bucket name").hasMessageContaining("Signal_Box");
        assertThatThrownBy(() -> builder.queue("events", Duration.ofMillis(1500), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue \"events\": visibilityTimeout must be whole seconds");
        assertThatThrownBy(() -> builder.queue("events", Duration.ofSeconds(30), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue \"events\": maxReceiveCount must be 1 to 1000, was: 0");
        assertThatThrownBy(() -> builder.partner("../acme", "acme-key", "acme-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partner name must be");
        assertThatThrownBy(() -> builder.objectEvents(List.of("/uploads"), "events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objectEvents: a prefix must be a non-empty key prefix without a leading '/'");
        assertThatThrownBy(() -> builder.s3Port(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s3Port must be 0 (a free port) to 65535, was: 70000");
    }

    @Test
    void requiresDataDirectoryCredentialsAndBucket() {
        assertThatThrownBy(() -> LocalAws.builder().credentials("k-1", "secret-1").bucket("b-1").start())
                .isInstanceOf(IllegalStateException.class).hasMessage("dataDirectory is required");
        assertThatThrownBy(() -> LocalAws.builder().dataDirectory(data).bucket("b-1").start())
                .isInstanceOf(IllegalStateException.class).hasMessage("credentials are required");
        assertThatThrownBy(() -> LocalAws.builder().dataDirectory(data).credentials("k-1", "secret-1").start())
                .isInstanceOf(IllegalStateException.class).hasMessage("bucket is required");
    }
}
