package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The embedded SQS-API or S3-API server stopped for 30 s in the middle of the flow: the service says it is not ready
 * while it is gone, and once it is back the job caught in it is processed once, with one result, and nothing is lost.
 */
class OutageEndToEndTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of());
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void aJobUploadedWhileSqsIsDownForThirtySecondsIsProcessedOnceWhenItIsBack() {
        String before = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(before, SETTLE, "SUCCEEDED");
        awaitReadiness(200);

        Instant stopped = Instant.now();
        signalbox.aws().stopSqs();
        String during;
        try {
            during = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
            JsonNode down = awaitReadiness(503);
            assertThat(down.at("/details/queues/status").asText()).isEqualTo("DOWN");
            assertThat(jobs.job(during).get("status").asText()).isEqualTo("AWAITING_UPLOAD");
            Duration rest = Duration.between(Instant.now(), stopped.plus(OUTAGE));
            if (!rest.isNegative()) {
                JobsClient.pause(rest);
            }
        } finally {
            signalbox.aws().startSqs();
        }

        JsonNode done = jobs.awaitStatus(during, SETTLE, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(awaitReadiness(200).at("/details/queues/status").asText()).isEqualTo("UP");
        Set<String> attempts = signalbox.keys("results/" + RunningSignalbox.TENANT + "/" + during + "/").stream()
                .map(key -> key.split("/")[3]).collect(Collectors.toSet());
        assertThat(attempts).as("one attempt wrote the result").hasSize(1);
        assertThat(jobs.getBytes("/v1/jobs/" + during + "/result").statusCode()).isEqualTo(200);
        assertThat(jobs.job(before).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aJobWhoseStorageGoesDownForThirtySecondsWhileItIsProcessedSucceedsOnceWhenItIsBack() throws Exception {
        awaitReadiness(200);
        ByteArrayOutputStream prices = new ByteArrayOutputStream();
        SamplePrices.builder().rows(1_000_000).symbols(4).build().writeTo(prices);
        String id = jobs.uploadAccepted(prices.toByteArray()).get("id").asText();
        jobs.awaitStatus(id, SETTLE, "PROCESSING");

        Instant stopped = Instant.now();
        signalbox.aws().stopS3();
        try {
            JsonNode down = awaitReadiness(503);
            assertThat(down.at("/details/storage/status").asText()).isEqualTo("DOWN");
            assertThat(jobs.job(id).get("status").asText()).isIn("QUEUED", "PROCESSING");
            Duration rest = Duration.between(Instant.now(), stopped.plus(OUTAGE));
            if (!rest.isNegative()) {
                JobsClient.pause(rest);
            }
        } finally {
            signalbox.aws().startS3();
        }

        JsonNode done = jobs.awaitStatus(id, SETTLE, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).as("the attempt cut off by the outage and the one after it")
                .isGreaterThanOrEqualTo(2);
        assertThat(awaitReadiness(200).at("/details/storage/status").asText()).isEqualTo("UP");
        Set<String> attempts = signalbox.keys("results/" + RunningSignalbox.TENANT + "/" + id + "/").stream()
                .map(key -> key.split("/")[3]).collect(Collectors.toSet());
        assertThat(attempts).as("only the attempt that succeeded left a result").hasSize(1);
        HttpResponse<byte[]> result = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(result.body())))
                .isEqualTo(done.get("resultSha256").asText());
    }

    private static JsonNode awaitReadiness(int status) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (true) {
            HttpResponse<String> response = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/health/readiness"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == status) {
                return json(response.body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("readiness did not answer " + status + " within " + SETTLE + ": "
                        + response.statusCode() + " " + response.body());
            }
            JobsClient.pause(Duration.ofMillis(250));
        }
    }
}
