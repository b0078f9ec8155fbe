package io.signalbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * SIGTERM to a real process in the middle of a job, as ECS stops a task: nothing is lost. The job's input is read
 * through a slow link to S3, so that the job is still running when the signal arrives.
 */
class GracefulShutdownEndToEndTest {

    private static final long INPUT_BYTES = 12L * 1024 * 1024;
    private static final long LINK_BYTES_PER_SECOND = 2L * 1024 * 1024;
    private static final Duration VISIBILITY = Duration.ofSeconds(3);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static ThrottledTcpProxy slowS3;
    private static Path input;

    @BeforeAll
    static void start() throws IOException {
        signalbox = new RunningSignalbox(5, VISIBILITY);
        jobs = new JobsClient(signalbox);
        slowS3 = new ThrottledTcpProxy(signalbox.aws().s3Endpoint().getPort(), LINK_BYTES_PER_SECOND);
        input = Files.createTempFile("signalbox-long-job", ".csv");
        writePrices(input, INPUT_BYTES);
    }

    @AfterAll
    static void stop() throws IOException {
        if (signalbox != null) {
            signalbox.close();
        }
        if (slowS3 != null) {
            slowS3.close();
        }
        if (input != null) {
            Files.deleteIfExists(input);
        }
    }

    @Test
    void sigtermLetsTheJobInProgressFinishStopsTakingRequestsAndExitsZero() throws Exception {
        try (ChildProcess child = ChildProcess.start(childSettings("30s"), "sigterm-job-finishes")) {
            String id = startLongJob(child);

            child.terminate();
            boolean refusedWhileDraining = false;
            while (child.alive() && !refusedWhileDraining) {
                refusedWhileDraining = refusesRequests(child.base());
            }
            int status = child.awaitExit(Duration.ofSeconds(60));

            assertThat(status).as("exit status; log: %s", child.output()).isZero();
            assertThat(refusedWhileDraining).as("new requests were refused while the job finished").isTrue();
            assertThat(row(id, "status")).isEqualTo("SUCCEEDED");
            assertThat(row(id, "attempts")).isEqualTo("1");
            assertThat(signalbox.keys("results/acme/" + id + "/")).containsExactly("results/acme/" + id + "/1/result.csv");
            assertThat(child.output()).contains("SIGTERM: taking no more messages or requests")
                    .doesNotContain("Timeout occurred during graceful shutdown");
        }
    }

    @Test
    void sigtermDuringAJobLongerThanTheShutdownTimeoutLeavesItToBeProcessedAgainWithOneResult() throws Exception {
        String id;
        try (ChildProcess child = ChildProcess.start(childSettings("2s"), "sigterm-job-abandoned")) {
            id = startLongJob(child);
            child.terminate();
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as("exit status; log: %s", child.output()).isZero();
            assertThat(child.output()).contains("work still in progress after 2 s is left to be delivered again");
        }
        assertThat(row(id, "status")).isEqualTo("PROCESSING");
        assertThat(signalbox.keys("results/acme/" + id + "/")).as("an abandoned attempt leaves no result").isEmpty();

        signalbox.start(Map.of("signalbox.process.visibility-timeout-seconds", (int) VISIBILITY.toSeconds()));
        jobs.awaitStatus(id, Duration.ofSeconds(90), "SUCCEEDED");

        assertThat(row(id, "attempts")).isEqualTo("2");
        assertThat(signalbox.keys("results/acme/" + id + "/")).containsExactly("results/acme/" + id + "/2/result.csv");
        signalbox.stopApp();
    }

    @Test
    void anIdleProcessStopsWithoutWaitingOutItsLongPolls() {
        signalbox.start(Map.of("signalbox.queues.wait-time-seconds", 20));
        awaitHealthy();

        long stopping = System.nanoTime();
        signalbox.stopApp();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
    }

    private static void awaitHealthy() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (signalbox.send(HttpRequest.newBuilder(signalbox.uri("/health/readiness")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            assertThat(Instant.now()).as("ready within 30 s").isBefore(deadline);
            JobsClient.pause(Duration.ofMillis(200));
        }
    }

    private static Map<String, Object> childSettings(String shutdownTimeout) {
        Map<String, Object> settings = new HashMap<>(signalbox.settings(Map.of(
                "signalbox.camel.shutdown-timeout", shutdownTimeout,
                "signalbox.storage.endpoint", "http://127.0.0.1:" + slowS3.port(),
                "signalbox.process.visibility-timeout-seconds", (int) VISIBILITY.toSeconds())));
        settings.remove("micronaut.server.port");
        return settings;
    }

    /** Uploads the big input to the child and returns once the child works on it. */
    private static String startLongJob(ChildProcess child) throws IOException {
        signalbox.useApplicationAt(child.base());
        awaitReady(child);
        HttpResponse<String> accepted = signalbox.send(signalbox.request("/v1/jobs?name=long.csv")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(input))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JobsClient.json(accepted.body()).get("id").asText();
        jobs.awaitStatus(id, Duration.ofSeconds(60), "PROCESSING");
        return id;
    }

    private static void awaitReady(ChildProcess child) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            if (!child.alive()) {
                throw new AssertionFailedError("the process exited while starting: " + child.output());
            }
            try {
                HttpResponse<String> ready = signalbox.send(HttpRequest.newBuilder(child.base().resolve("/health/readiness"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("the process was not ready within 90 s: " + child.output());
            }
            JobsClient.pause(Duration.ofMillis(200));
        }
    }

    private static boolean refusesRequests(URI base) {
        try {
            HttpResponse<String> response = signalbox.send(HttpRequest.newBuilder(base.resolve("/health/liveness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JobsClient.pause(Duration.ofMillis(50));
            return response.statusCode() == 503;
        } catch (UncheckedIOException e) {
            return true;
        }
    }

    private static String row(String id, String column) throws SQLException {
        try (Connection connection = signalbox.database(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT " + column + " FROM jobs WHERE id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static void writePrices(Path file, long bytes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,symbol,open,high,low,close,volume\n");
            long written = 0;
            double price = 100;
            for (int i = 0; written < bytes; i++) {
                price *= 1 + Math.sin(i * 0.37) * 0.004;
                String line = (1_735_689_600L + (i / 4) * 60L) + ",SYM" + (i % 4) + "," + price + "," + price * 1.01
                        + "," + price * 0.99 + "," + price * 1.001 + "," + (1000 + i) + "\n";
                out.write(line);
                written += line.length();
            }
        }
    }
}
