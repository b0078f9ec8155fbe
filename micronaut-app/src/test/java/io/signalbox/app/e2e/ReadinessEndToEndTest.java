package io.signalbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.fixtures.db.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Liveness and readiness while the parts the service depends on come and go: a PostgreSQL server of this test's
 * own that it stops and starts again on the same port, and the SQS-API server likewise.
 */
class ReadinessEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static Path databaseFolder;
    private static int databasePort;
    private static EmbeddedPostgres database;
    private static RunningSignalbox signalbox;

    @BeforeAll
    static void start() throws IOException {
        databaseFolder = Files.createTempDirectory("signalbox-readiness-pg");
        database = startDatabase(0);
        databasePort = database.getPort();
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30),
                TestDatabase.at("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres", "postgres", ""))
                .start(Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (signalbox != null) {
            signalbox.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readyWhenTheDatabaseTheBucketEveryQueueInUseAndEveryRouteAreUp() {
        JsonNode readiness = awaitHealth("/health/readiness", 200);

        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        JsonNode details = readiness.get("details");
        assertThat(details.at("/database/status").asText()).isEqualTo("UP");
        assertThat(details.at("/storage/details/bucket").asText()).isEqualTo(RunningSignalbox.BUCKET);
        assertThat(details.at("/queues/details").fieldNames()).toIterable()
                .contains("signalbox-events", "signalbox-jobs", "signalbox-jobs-dlq");
        assertThat(details.at("/camel/details/routes/process-run").asText()).isEqualTo("Started");
        assertThat(readiness.toString()).doesNotContain("jdbc:");
        assertThat(health("/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void notReadyWhileTheDatabaseIsStoppedAndReadyAgainOnceItIsBack() throws IOException {
        awaitHealth("/health/readiness", 200);
        database.close();
        try {
            JsonNode down = awaitHealth("/health/readiness", 503);
            assertThat(down.at("/details/database/status").asText()).isEqualTo("DOWN");
            assertThat(health("/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            database = startDatabase(databasePort);
        }
        assertThat(awaitHealth("/health/readiness", 200).at("/details/database/status").asText()).isEqualTo("UP");
    }

    @Test
    void notReadyWhileSqsIsStoppedAndReadyAgainOnceItIsBack() {
        awaitHealth("/health/readiness", 200);
        signalbox.aws().stopSqs();
        try {
            JsonNode down = awaitHealth("/health/readiness", 503);
            assertThat(down.at("/details/queues/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/details/queues/details/signalbox-jobs").asText()).startsWith("DOWN");
            assertThat(health("/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            signalbox.aws().startSqs();
        }
        assertThat(awaitHealth("/health/readiness", 200).at("/details/queues/status").asText()).isEqualTo("UP");
    }

    @Test
    void aProcessWhoseRouteGroupCannotReachItsQueueIsNotReady() {
        try {
            signalbox.start(Map.of("signalbox.route-groups", "process", "signalbox.queues.jobs", "no-such-queue"));
            JsonNode down = awaitHealth("/health/readiness", 503);
            assertThat(down.at("/details/queues/details/no-such-queue").asText()).startsWith("DOWN");
            assertThat(health("/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            signalbox.start(Map.of());
        }
    }

    private static EmbeddedPostgres startDatabase(int port) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(databaseFolder)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> health(String path) {
        return signalbox.send(HttpRequest.newBuilder(signalbox.uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls as a load balancer would until the endpoint answers the status. */
    private static JsonNode awaitHealth(String path, int status) {
        Instant deadline = Instant.now().plus(SETTLE);
        HttpResponse<String> response = health(path);
        while (response.statusCode() != status) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError(path + " did not answer " + status + " within " + SETTLE + ": "
                        + response.statusCode() + " " + response.body());
            }
            JobsClient.pause(Duration.ofMillis(250));
            response = health(path);
        }
        return JobsClient.json(response.body());
    }
}
