package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The embedded SQS-API server stopped for 30 s in the middle of the flow: the service says it is not ready while it
 * is gone, and once it is back the job uploaded meanwhile is processed once, with one result, and nothing is lost.
 */
class SqsOutageEndToEndTest {

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
