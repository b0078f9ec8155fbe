package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.app.tenant.ApiKeys;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Webhooks end to end: jobs with a callback URL, the routes sending through camel-rest, and a real receiver in this
 * JVM that checks every signature. Retries are seconds apart here instead of minutes.
 */
class WebhookDeliveryEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String ACME_SECRET = "whsec_acme_test_0123456789";
    private static final String GLOBEX_SECRET = "whsec_globex_test_0123456789";
    private static final String GLOBEX_KEY = ApiKeys.generate();

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver(Map.of("acme", ACME_SECRET, "globex", GLOBEX_SECRET));
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.ofEntries(
                Map.entry("signalbox.cleanup.interval-millis", 500),
                Map.entry("signalbox.webhooks.allow-private-targets", true),
                Map.entry("signalbox.webhooks.secrets.acme", ACME_SECRET),
                Map.entry("signalbox.webhooks.secrets.globex", GLOBEX_SECRET),
                Map.entry("signalbox.webhooks.poll-interval-millis", 100),
                Map.entry("signalbox.webhooks.max-concurrency", 2),
                Map.entry("signalbox.webhooks.per-tenant-concurrency", 1),
                Map.entry("signalbox.webhooks.connect-timeout", "1s"),
                Map.entry("signalbox.webhooks.attempt-timeout", "3s"),
                Map.entry("signalbox.webhooks.first-retry-delay", "200ms"),
                Map.entry("signalbox.webhooks.max-retry-delay", "1s")));
        jobs = new JobsClient(signalbox);
        try (Connection connection = signalbox.database()) {
            connection.createStatement().execute("INSERT INTO tenants (id, display_name) VALUES ('globex', 'Globex')");
            try (PreparedStatement key = connection.prepareStatement(
                    "INSERT INTO api_keys (key_hash, tenant_id, key_prefix) VALUES (?, 'globex', ?)")) {
                key.setString(1, ApiKeys.hash(GLOBEX_KEY));
                key.setString(2, ApiKeys.prefix(GLOBEX_KEY));
                key.executeUpdate();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void sendsEachEventOfAJobsLifeSignedWithTheTenantsSecretAndListsEveryDelivery() {
        String callback = receiver.url("ok", "acme", "life");
        HttpResponse<String> accepted = jobs.upload(sample("prices.csv"), "?name=prices.csv&callbackUrl=" + encode(callback));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json(accepted.body()).get("id").asText();
        assertThat(json(accepted.body()).get("callbackUrl").asText()).isEqualTo(callback);

        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        WebhookReceiver.Delivery succeeded = receiver.await(to(callback, "job.succeeded"), ARRIVAL, "job.succeeded");
        assertThat(succeeded.signatureValid()).as("signature %s", succeeded.signature()).isTrue();
        assertThat(succeeded.method()).isEqualTo("POST");
        assertThat(succeeded.contentType()).startsWith("application/json");
        JsonNode body = json(succeeded.body());
        assertThat(body.get("type").asText()).isEqualTo("job.succeeded");
        assertThat(body.get("id").asText()).isEqualTo(succeeded.eventId());
        assertThat(Instant.parse(body.get("time").asText())).isBefore(Instant.now());
        assertThat(body.get("job").get("id").asText()).isEqualTo(id);
        assertThat(body.get("job").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(body.get("job").get("rows").asLong()).isEqualTo(520);
        assertThat(body.get("job").get("links").get("result").asText()).isEqualTo("/v1/jobs/" + id + "/result");

        assertThat(jobs.getBytes("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(200);
        jobs.awaitStatus(id, Duration.ofSeconds(10), "DOWNLOADED");
        HttpResponse<String> acknowledged = signalbox.send(signalbox.request("/v1/jobs/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        WebhookReceiver.Delivery downloaded = receiver.await(to(callback, "job.downloaded"), ARRIVAL, "job.downloaded");
        WebhookReceiver.Delivery deleted = receiver.await(to(callback, "job.deleted"), ARRIVAL, "job.deleted");
        assertThat(List.of(downloaded, deleted)).allSatisfy(delivery -> assertThat(delivery.signatureValid()).isTrue());
        assertThat(json(downloaded.body()).get("job").get("status").asText()).isEqualTo("DOWNLOADED");
        assertThat(json(deleted.body()).get("job").get("filesDeletedAt").isTextual()).isTrue();

        JsonNode history = deliveries(id, RunningSignalbox.API_KEY, 3);
        assertThat(history.get("jobId").asText()).isEqualTo(id);
        assertThat(types(history.get("events"))).containsExactly("job.succeeded", "job.downloaded", "job.deleted");
        for (JsonNode event : history.get("events")) {
            assertThat(event.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(event.get("attempts").asInt()).isEqualTo(1);
        }
        for (JsonNode attempt : history.get("deliveries")) {
            assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
            assertThat(attempt.get("statusCode").asInt()).isEqualTo(204);
            assertThat(attempt.get("url").asText()).isEqualTo(callback);
            assertThat(attempt.get("latencyMillis").asLong()).isBetween(0L, 3_000L);
            assertThat(attempt.has("error")).isFalse();
            assertThat(Instant.parse(attempt.get("at").asText())).isBefore(Instant.now());
        }
        assertThat(receiver.deliveries(d -> d.path().equals(java.net.URI.create(callback).getPath()))).hasSize(3);
    }

    @Test
    void retriesAReceiverThatFailsTwiceWithTheSameEventUntilItTakesIt() {
        String callback = receiver.url("flaky", "acme", "twice");
        receiver.failFirst(callback, "job.failed", 2);
        HttpResponse<String> accepted = jobs.upload(sample("prices-bad-number.csv"),
                "?name=prices-bad-number.csv&callbackUrl=" + encode(callback));
        String id = json(accepted.body()).get("id").asText();

        jobs.awaitStatus(id, PROCESSING, "FAILED");
        JsonNode history = awaitDelivered(id, "job.failed", RunningSignalbox.API_KEY);

        List<WebhookReceiver.Delivery> tries = receiver.deliveries(to(callback, "job.failed"));
        assertThat(tries).hasSize(3);
        assertThat(tries).extracting(WebhookReceiver.Delivery::eventId).containsOnly(tries.get(0).eventId());
        assertThat(tries).extracting(WebhookReceiver.Delivery::body).containsOnly(tries.get(0).body());
        assertThat(tries).allSatisfy(delivery -> assertThat(delivery.signatureValid()).isTrue());
        assertThat(json(tries.get(0).body()).get("job").get("failure").get("code").asText()).isEqualTo("csv_format");

        JsonNode event = event(history, "job.failed");
        assertThat(event.get("attempts").asInt()).isEqualTo(3);
        List<JsonNode> attempts = attempts(history, event.get("id").asText());
        assertThat(attempts).extracting(a -> a.get("statusCode").asInt()).containsExactly(500, 500, 204);
        assertThat(attempts.get(0).get("error").asText()).isEqualTo("the receiver answered 500");
        assertThat(attempts.get(2).has("error")).isFalse();
        Instant first = Instant.parse(attempts.get(0).get("at").asText());
        Instant second = Instant.parse(attempts.get(1).get("at").asText());
        Instant third = Instant.parse(attempts.get(2).get("at").asText());
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void cutsOffAReceiverThatTricklesItsAnswerAndTriesAgain() {
        String callback = receiver.url("trickle", "acme", "endless");
        HttpResponse<String> accepted = jobs.upload(sample("prices-bad-number.csv"),
                "?name=endless.csv&callbackUrl=" + encode(callback));
        String id = json(accepted.body()).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "FAILED");

        JsonNode history = awaitAttempts(id, RunningSignalbox.API_KEY, "job.failed", 1);
        JsonNode cutOff = attempts(history, event(history, "job.failed").get("id").asText()).get(0);
        assertThat(cutOff.get("error").asText()).isEqualTo("no complete answer within 3 s; the attempt was cut off");
        assertThat(cutOff.get("latencyMillis").asLong()).isGreaterThanOrEqualTo(3_000);
        assertThat(cutOff.has("statusCode")).isFalse();

        receiver.letGo(callback);
        awaitDelivered(id, "job.failed", RunningSignalbox.API_KEY);
    }

    @Test
    void aTenantWhoseReceiverHangsHoldsUpNoOtherTenant() {
        List<String> globexJobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String callback = receiver.url("trickle", "globex", "hang-" + i);
            HttpResponse<String> accepted = signalbox.send(signalbox.request("/v1/jobs?name=g.csv&callbackUrl=" + encode(callback))
                    .setHeader("Authorization", "Bearer " + GLOBEX_KEY).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sample("prices-bad-number.csv"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            globexJobs.add(json(accepted.body()).get("id").asText());
        }
        receiver.await(d -> d.path().startsWith("/trickle/globex/"), ARRIVAL, "globex's first delivery");

        String acmeCallback = receiver.url("slow", "acme", "meanwhile");
        String acmeJob = json(jobs.upload(sample("prices-bad-number.csv"),
                "?name=a.csv&callbackUrl=" + encode(acmeCallback)).body()).get("id").asText();
        JsonNode acme = awaitDelivered(acmeJob, "job.failed", RunningSignalbox.API_KEY);
        JsonNode acmeEvent = event(acme, "job.failed");
        assertThat(acmeEvent.get("attempts").asInt()).isEqualTo(1);
        Interval acmeAttempt = intervals(acme, acmeEvent.get("id").asText()).get(0);

        // An attempt is listed once it is over: let globex's receiver go, so that every attempt it hung is listed.
        for (int i = 0; i < 3; i++) {
            receiver.letGo(receiver.url("trickle", "globex", "hang-" + i));
        }
        for (String job : globexJobs) {
            awaitDelivered(job, "job.failed", GLOBEX_KEY);
        }
        List<Interval> globexAttempts = new ArrayList<>();
        for (String job : globexJobs) {
            globexAttempts.addAll(intervals(deliveries(job, GLOBEX_KEY, 0), null));
        }
        globexAttempts.sort((a, b) -> a.start().compareTo(b.start()));
        for (int i = 1; i < globexAttempts.size(); i++) {
            assertThat(globexAttempts.get(i).start())
                    .as("globex's attempts one at a time: %s", globexAttempts)
                    .isAfterOrEqualTo(globexAttempts.get(i - 1).end().minusMillis(5));
        }
        assertThat(globexAttempts).as("acme was delivered while globex's receiver hung")
                .anyMatch(globex -> globex.start().isBefore(acmeAttempt.end())
                        && globex.end().isAfter(acmeAttempt.start()));
    }

    @Test
    void anotherTenantCannotSeeAJobsDeliveries() {
        String id = json(jobs.upload(sample("prices.csv"), "?name=prices.csv").body()).get("id").asText();

        HttpResponse<String> theirs = signalbox.send(signalbox.request("/v1/jobs/" + id + "/deliveries")
                .setHeader("Authorization", "Bearer " + GLOBEX_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(json(theirs.body()).get("error").asText()).isEqualTo("not_found");
        assertThat(theirs.body()).doesNotContain("acme");

        HttpResponse<String> own = jobs.get("/v1/jobs/" + id + "/deliveries");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(jobs.get("/v1/jobs/00000000-0000-0000-0000-000000000000/deliveries").statusCode()).isEqualTo(404);
        assertThat(jobs.get("/v1/jobs/not-a-job/deliveries").statusCode()).isEqualTo(404);
    }

    /** An attempt as the deliveries list records it: from its start for its latency. */
    private record Interval(Instant start, Instant end) {
    }

    /** The attempts of one event, or of all the job's events when {@code eventId} is {@code null}. */
    private static List<Interval> intervals(JsonNode history, String eventId) {
        List<Interval> intervals = new ArrayList<>();
        for (JsonNode attempt : history.get("deliveries")) {
            if (eventId != null && !attempt.get("eventId").asText().equals(eventId)) {
                continue;
            }
            Instant start = Instant.parse(attempt.get("at").asText());
            intervals.add(new Interval(start, start.plusMillis(attempt.get("latencyMillis").asLong())));
        }
        return intervals;
    }

    private static Predicate<WebhookReceiver.Delivery> to(String url, String event) {
        String path = java.net.URI.create(url).getPath();
        return delivery -> delivery.path().equals(path) && event.equals(delivery.event());
    }

    private static JsonNode deliveries(String id, String apiKey, int atLeast) {
        Instant deadline = Instant.now().plus(ARRIVAL);
        while (true) {
            HttpResponse<String> response = signalbox.send(signalbox.request("/v1/jobs/" + id + "/deliveries")
                    .setHeader("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionFailedError("deliveries answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode history = json(response.body());
            if (history.get("deliveries").size() >= atLeast) {
                return history;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("fewer than " + atLeast + " deliveries of job " + id + ": " + history);
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
    }

    private static JsonNode awaitAttempts(String id, String apiKey, String type, int atLeast) {
        Instant deadline = Instant.now().plus(ARRIVAL);
        while (true) {
            JsonNode history = deliveries(id, apiKey, 0);
            JsonNode event = eventOrNull(history, type);
            if (event != null && event.get("attempts").asInt() >= atLeast) {
                return history;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError(type + " of job " + id + " has fewer than " + atLeast + " attempts: " + history);
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
    }

    private static JsonNode awaitDelivered(String id, String type, String apiKey) {
        Instant deadline = Instant.now().plus(ARRIVAL);
        while (true) {
            JsonNode history = deliveries(id, apiKey, 0);
            JsonNode event = eventOrNull(history, type);
            if (event != null && event.get("status").asText().equals("DELIVERED")) {
                return history;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError(type + " of job " + id + " not delivered: " + history);
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
    }

    private static JsonNode event(JsonNode history, String type) {
        JsonNode event = eventOrNull(history, type);
        if (event == null) {
            throw new AssertionFailedError("no " + type + " event in " + history);
        }
        return event;
    }

    private static JsonNode eventOrNull(JsonNode history, String type) {
        for (JsonNode event : history.get("events")) {
            if (event.get("type").asText().equals(type)) {
                return event;
            }
        }
        return null;
    }

    private static List<JsonNode> attempts(JsonNode history, String eventId) {
        List<JsonNode> attempts = new ArrayList<>();
        for (JsonNode attempt : history.get("deliveries")) {
            if (attempt.get("eventId").asText().equals(eventId)) {
                attempts.add(attempt);
            }
        }
        return attempts;
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
