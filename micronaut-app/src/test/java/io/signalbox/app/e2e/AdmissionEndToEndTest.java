package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Slow and greedy clients on the real system: each tenant and the whole process take a bounded number of uploads at
 * once and refuse more with 429 and Retry-After; clients that trickle are cut off with 408; and however many slow
 * senders there are, other tenants' uploads, processing and readiness go on.
 */
class AdmissionEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final Map<String, Object> LIMITS = Map.of(
            "signalbox.admission.max-uploads", 6,
            "signalbox.admission.max-uploads-per-tenant", 3,
            "signalbox.admission.max-queued-jobs-per-tenant", 50,
            "signalbox.admission.retry-after", "7s",
            // Trickling clients are kept until a test cuts them off itself, unless it lowers this.
            "signalbox.upload.slow-timeout", "10m");

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static String greedyKey;
    private static String otherKey;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(LIMITS);
        jobs = new JobsClient(signalbox);
        greedyKey = signalbox.addTenant("greedy");
        otherKey = signalbox.addTenant("other");
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    /** The uploads of an earlier test end as their clients go away; their places are free again before the next. */
    @BeforeEach
    void awaitNoUploadInProgress() {
        Instant deadline = Instant.now().plusSeconds(30);
        double active = Prometheus.scrape(signalbox).value("signalbox_uploads_active");
        while (active > 0 && Instant.now().isBefore(deadline)) {
            JobsClient.pause(Duration.ofMillis(100));
            active = Prometheus.scrape(signalbox).value("signalbox_uploads_active");
        }
        assertThat(active).as("uploads in progress").isZero();
    }

    @Test
    void seventySlowUploadsOfOneTenantStarveNeitherOtherTenantsNorProcessingNorReadiness() {
        try (SlowClients slow = new SlowClients(signalbox.uri("/"), greedyKey, 70, 1_000_000, Duration.ofMillis(500))) {
            List<RawHttp.Response> refused = slow.awaitAnswers(67, Duration.ofSeconds(30));
            assertThat(refused).hasSize(67).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.headers()).containsEntry("retry-after", "7");
                assertThat(answer.body()).contains("\"too_many_uploads\"").contains("tenant greedy has 3 uploads");
            });

            HttpResponse<String> accepted = jobs.upload(sample("prices.csv"), "?name=prices.csv");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = json(accepted.body()).get("id").asText();
            jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
            assertThat(jobs.getBytes("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(200);
            HttpResponse<String> readiness = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/health/readiness"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(json(readiness.body()).at("/details/storage/status").asText()).isEqualTo("UP");
            assertThat(slow.sending()).isEqualTo(3);
        }
        awaitNoUploadOf("greedy", "AWAITING_UPLOAD");
    }

    @Test
    void aTenantPastItsUploadsAtOnceIsAnswered429WithRetryAfterAndAdmittedOnceOneEnds() {
        SlowClients first = new SlowClients(signalbox.uri("/"), greedyKey, 2, 1_000_000, Duration.ofMillis(500));
        try (SlowClients third = new SlowClients(signalbox.uri("/"), greedyKey, 1, 1_000_000, Duration.ofMillis(500))) {
            assertThat(third.awaitAnswers(1, Duration.ofSeconds(10))).isEmpty();
            // Several megabytes: the client is still sending when the refusal comes, and must still see it.
            HttpResponse<String> refused = upload(greedyKey, new byte[8 * 1024 * 1024]);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(json(refused.body()).get("error").asText()).isEqualTo("too_many_uploads");
            assertThat(upload(otherKey).statusCode()).isEqualTo(202);
        } finally {
            first.close();
        }
        assertThat(awaitAdmitted(greedyKey).statusCode()).isEqualTo(202);
    }

    @Test
    void theProcessPastItsUploadsAtOnceRefusesEveryTenantWith429() {
        String thirdKey = signalbox.addTenant("third");
        try (SlowClients greedy = new SlowClients(signalbox.uri("/"), greedyKey, 3, 1_000_000, Duration.ofMillis(500));
                SlowClients other = new SlowClients(signalbox.uri("/"), otherKey, 3, 1_000_000, Duration.ofMillis(500))) {
            assertThat(greedy.awaitAnswers(1, Duration.ofSeconds(5))).isEmpty();
            assertThat(other.awaitAnswers(1, Duration.ofSeconds(1))).isEmpty();
            HttpResponse<String> refused = upload(thirdKey);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(refused.body()).contains("the service is receiving 6 uploads");
        }
        assertThat(awaitAdmitted(thirdKey).statusCode()).isEqualTo(202);
    }

    @Test
    void aTenantWithTooManyJobsQueuedIsAnswered429UntilSomeHaveRun() {
        Map<String, Object> noProcessing = new HashMap<>(LIMITS);
        noProcessing.put("signalbox.route-groups", "api,ingest");
        noProcessing.put("signalbox.admission.max-queued-jobs-per-tenant", 2);
        String queuedKey = signalbox.addTenant("queued");
        try {
            signalbox.start(noProcessing);
            List<String> queued = List.of(json(upload(queuedKey).body()).get("id").asText(),
                    json(upload(queuedKey).body()).get("id").asText());
            for (String id : queued) {
                awaitStatusOf(queuedKey, id, "QUEUED");
            }

            HttpResponse<String> refused = upload(queuedKey);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(json(refused.body()).get("error").asText()).isEqualTo("too_many_jobs");
            assertThat(refused.body()).contains("tenant queued has 2 jobs queued or processing");
            assertThat(upload(otherKey).statusCode()).isEqualTo(202);
        } finally {
            signalbox.start(LIMITS);
        }
        assertThat(awaitAdmitted(queuedKey).statusCode()).isEqualTo(202);
    }

    @Test
    void aClientSendingSlowerThanTheMinimumIsAnswered408AndLeavesNoObjectNorPartAndOneLogLine() {
        Map<String, Object> impatient = new HashMap<>(LIMITS);
        impatient.put("signalbox.upload.min-bytes-per-second", 1000);
        impatient.put("signalbox.upload.slow-timeout", "2s");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            signalbox.start(impatient);
            int declared = 12 * 1024 * 1024;
            RawHttp.Response answer;
            try (RawHttp client = new RawHttp(signalbox.uri("/"), Duration.ofSeconds(30))) {
                client.head("POST", "/v1/jobs?name=trickle.csv", Map.of("Authorization", "Bearer " + RunningSignalbox.API_KEY,
                        "Content-Type", "text/csv", "Content-Length", Integer.toString(declared)));
                // More than one multipart part arrives at full speed, so an S3 multipart upload is under way when
                // the client slows down to a byte every 200 ms.
                client.write(new byte[9 * 1024 * 1024]);
                Instant deadline = Instant.now().plusSeconds(30);
                while (!client.answered() && Instant.now().isBefore(deadline) && client.tryWrite(new byte[1])) {
                    JobsClient.pause(Duration.ofMillis(200));
                }
                answer = client.response();
            }

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("\"upload_too_slow\"").contains("slower than 1000 bytes per second for 2 s")
                    .doesNotContain("uploads/").doesNotContain("Exception");
            JsonNode job = json(jobs.get("/v1/jobs?limit=1").body()).get("jobs").get(0);
            String id = job.get("id").asText();
            assertThat(job.get("inputName").asText()).isEqualTo("trickle.csv");
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.at("/failure/code").asText()).isEqualTo("upload_too_slow");
            assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
            assertThat(multipartUploads("uploads/acme/" + id + "/")).isEmpty();
            List<ILoggingEvent> lines = logs.events().stream()
                    .filter(event -> event.getFormattedMessage().contains(id) || event.getThrowableProxy() != null)
                    .filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
                    .filter(event -> !event.getFormattedMessage().contains("deleted"))
                    .toList();
            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).contains("slower than 1000 bytes per second");
                assertThat(line.getThrowableProxy()).isNull();
            });
        } finally {
            signalbox.start(LIMITS);
        }
    }

    private static HttpResponse<String> upload(String apiKey) {
        return upload(apiKey, sample("prices.csv"));
    }

    private static HttpResponse<String> upload(String apiKey, byte[] file) {
        return signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs?name=prices.csv"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads as a well-behaved client does: again after each 429, until admitted or the deadline. */
    private static HttpResponse<String> awaitAdmitted(String apiKey) {
        Instant deadline = Instant.now().plusSeconds(30);
        HttpResponse<String> response = upload(apiKey);
        while (response.statusCode() == 429 && Instant.now().isBefore(deadline)) {
            JobsClient.pause(Duration.ofMillis(250));
            response = upload(apiKey);
        }
        return response;
    }

    private static void awaitStatusOf(String apiKey, String id, String status) {
        Instant deadline = Instant.now().plus(PROCESSING);
        while (true) {
            HttpResponse<String> job = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs/" + id))
                    .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (json(job.body()).get("status").asText().equals(status)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("job " + id + " did not become " + status + ": " + job.body());
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
    }

    /** Polls until no upload of the tenant is left in the status: its clients went away, so its jobs end at once. */
    private static void awaitNoUploadOf(String tenant, String status) {
        Instant deadline = Instant.now().plusSeconds(30);
        long left = countJobs(tenant, status);
        while (left > 0 && Instant.now().isBefore(deadline)) {
            JobsClient.pause(Duration.ofMillis(100));
            left = countJobs(tenant, status);
        }
        assertThat(left).as("jobs of " + tenant + " still " + status).isZero();
    }

    private static long countJobs(String tenant, String status) {
        try (var db = signalbox.database(); var query = db.prepareStatement(
                "SELECT count(*) FROM jobs WHERE tenant_id = ? AND status = ?")) {
            query.setString(1, tenant);
            query.setString(2, status);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MultipartUpload> multipartUploads(String prefix) {
        return signalbox.s3().listMultipartUploads(request -> request.bucket(RunningSignalbox.BUCKET).prefix(prefix))
                .uploads();
    }
}
