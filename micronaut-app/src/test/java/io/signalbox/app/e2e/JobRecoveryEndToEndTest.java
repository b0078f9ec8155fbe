package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What happens when things go wrong between the parts: duplicate events, storage failures, restarts, jobs nobody
 * downloads. The application is restarted with the route groups each case needs, so that messages can be made to
 * wait on their queue.
 */
class JobRecoveryEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final Map<String, Object> INTAKE_ONLY = Map.of("signalbox.route-groups", "api,ingest");
    private static final Map<String, Object> EVERYTHING = Map.of(
            "signalbox.route-groups", "all",
            "signalbox.process.visibility-timeout-seconds", 1);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(3, Duration.ofSeconds(1));
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void processesAJobOnceWhenItsUploadEventArrivesThreeTimes() throws Exception {
        signalbox.start(INTAKE_ONLY);
        byte[] prices = sample("prices.csv");
        String id = jobs.uploadAccepted(prices).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "QUEUED");
        String key = "uploads/acme/" + id + "/input";
        for (int i = 0; i < 2; i++) {
            signalbox.sqs().sendMessage(b -> b.queueUrl(signalbox.aws().queueUrl("signalbox-events"))
                    .messageBody(objectCreatedEvent(key, prices.length)));
        }
        awaitEmpty("signalbox-events");

        signalbox.start(EVERYTHING);
        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        awaitEmpty("signalbox-jobs");

        assertThat(jobs.job(id).get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("rows").asLong()).isEqualTo(520);
        assertThat(signalbox.keys("results/acme/" + id + "/")).containsExactly("results/acme/" + id + "/1/result.csv");
    }

    @Test
    void retriesAJobWhoseInputCouldNotBeReadAndThenSucceeds() throws Exception {
        signalbox.start(INTAKE_ONLY);
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "QUEUED");
        String key = "uploads/acme/" + id + "/input";
        String aside = "aside/" + id;
        signalbox.s3().copyObject(b -> b.sourceBucket(RunningSignalbox.BUCKET).sourceKey(key)
                .destinationBucket(RunningSignalbox.BUCKET).destinationKey(aside));
        signalbox.s3().deleteObject(b -> b.bucket(RunningSignalbox.BUCKET).key(key));

        signalbox.start(EVERYTHING);
        String error = awaitLastError(id);
        assertThat(error).contains("NoSuchKey");
        signalbox.s3().copyObject(b -> b.sourceBucket(RunningSignalbox.BUCKET).sourceKey(aside)
                .destinationBucket(RunningSignalbox.BUCKET).destinationKey(key));

        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void failsAJobWhoseMessageKeepsFailingOnceItReachesTheDeadLetterQueue() {
        signalbox.start(INTAKE_ONLY);
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "QUEUED");
        signalbox.s3().deleteObject(b -> b.bucket(RunningSignalbox.BUCKET).key("uploads/acme/" + id + "/input"));

        signalbox.start(EVERYTHING);
        JsonNode failed = jobs.awaitStatus(id, PROCESSING, "FAILED");

        assertThat(failed.get("failure").get("code").asText()).isEqualTo("undeliverable");
        assertThat(failed.get("failure").get("reason").asText())
                .startsWith("gave up after repeated failures of the service, not of the input")
                .contains("NoSuchKey");
        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        awaitEmpty("signalbox-jobs-dlq");
    }

    @Test
    void losesNoJobWhenRestartedWhileJobsWaitOnTheQueue() {
        signalbox.start(INTAKE_ONLY);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(jobs.uploadAccepted(sample("prices.csv")).get("id").asText());
        }
        for (String id : ids) {
            jobs.awaitStatus(id, PROCESSING, "QUEUED");
        }
        signalbox.stopApp();

        signalbox.start(EVERYTHING);
        for (String id : ids) {
            assertThat(jobs.awaitStatus(id, PROCESSING, "SUCCEEDED").get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void expiresAResultNobodyDownloadsWithinTheRetentionAndDeletesItsFiles() {
        signalbox.start(Map.of("signalbox.cleanup.retention", "2s", "signalbox.cleanup.interval-millis", 300));
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");

        JsonNode expired = jobs.awaitStatus(id, Duration.ofSeconds(20), "EXPIRED");
        assertThat(expired.get("expiredAt")).isNotNull();
        for (int i = 0; i < 50 && jobs.job(id).get("filesDeletedAt") == null; i++) {
            JobsClient.pause(Duration.ofMillis(200));
        }
        assertThat(jobs.job(id).get("filesDeletedAt")).isNotNull();
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
        assertThat(signalbox.keys("results/acme/" + id + "/")).isEmpty();
        HttpResponse<String> result = jobs.get("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(410);
        assertThat(json(result.body()).get("detail").asText()).contains("expired");
    }

    private static String awaitLastError(String id) throws Exception {
        Instant deadline = Instant.now().plus(PROCESSING);
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = signalbox.database();
                    PreparedStatement query = db.prepareStatement("SELECT last_error FROM jobs WHERE id = ?")) {
                query.setObject(1, UUID.fromString(id));
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && row.getString(1) != null) {
                        return row.getString(1);
                    }
                }
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("job " + id + " recorded no failure within " + PROCESSING);
    }

    private static void awaitEmpty(String queue) {
        String url = signalbox.aws().queueUrl(queue);
        Instant deadline = Instant.now().plus(PROCESSING);
        while (Instant.now().isBefore(deadline)) {
            Map<QueueAttributeName, String> attributes = signalbox.sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("queue " + queue + " still has messages after " + PROCESSING);
    }

    /** S3's own event notification JSON for one written object, as S3 sends it to SQS. */
    private static String objectCreatedEvent(String key, long size) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"%s","eventName":"ObjectCreated:Put","userIdentity":{"principalId":"test"},
                "requestParameters":{"sourceIPAddress":"127.0.0.1"},"responseElements":{},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"signalbox-events",
                "bucket":{"name":"signalbox","ownerIdentity":{"principalId":"test"},"arn":"arn:aws:s3:::signalbox"},
                "object":{"key":"%s","size":%d,"eTag":"0123456789abcdef","sequencer":"0055AED6DCD90281E5"}}}]}"""
                .formatted(Instant.now(), key, size);
    }
}
