package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Callback URLs as a hostile client would give them, with private targets refused as in production: refused with
 * 422 naming {@code callbackUrl} before any of the upload is stored, and refused again when an event is sent.
 */
class WebhookTargetsEndToEndTest {

    private static final String SECRET = "whsec_acme_test_0123456789";

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static WebhookReceiver receiver;
    private static String tenantUrl;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver(Map.of("acme", SECRET));
        // An operator's URL is not resolved at start; that it points at this machine is found out when sending.
        tenantUrl = receiver.url("ok", "acme", "tenant-wide");
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.webhooks.secrets.acme", SECRET,
                "signalbox.webhooks.urls.acme", tenantUrl,
                "signalbox.webhooks.poll-interval-millis", 100,
                "signalbox.webhooks.first-retry-delay", "200ms",
                "signalbox.webhooks.max-retry-delay", "200ms",
                "signalbox.webhooks.max-attempts", 2));
        jobs = new JobsClient(signalbox);
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
    void refusesCallbackUrlsOnThisMachineAndItsNetworksBeforeStoringAnything() throws Exception {
        assertRefused("http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address");
        assertRefused("http://localhost/hook", "localhost resolves to");
        assertRefused("http://[::1]/hook", "a loopback address");
        assertRefused("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address");
        assertRefused("https://10.0.0.8/hook", "10.0.0.8 is a private address");
        assertRefused("https://192.168.1.1/hook", "a private address");
        assertRefused("http://0.0.0.0:8080/", "an unspecified address");
        assertRefused("http://[::ffff:127.0.0.1]/hook", "a loopback address");

        try (Connection connection = signalbox.database(); ResultSet count = connection.createStatement()
                .executeQuery("SELECT count(*) FROM jobs WHERE input_name IN ('refused.csv', 'p.csv')")) {
            count.next();
            assertThat(count.getLong(1)).isZero();
        }
    }

    @Test
    void refusesWhatIsNotAnHttpUrlNamingTheField() {
        assertRefused("ftp://files.example.com/hook", "its scheme is ftp; expected an absolute http or https URL");
        assertRefused("javascript:alert(1)", "its scheme is javascript");
        assertRefused("not a url", "it is not a URL");
        assertRefused("https://user:secret@hooks.example.com/", "carries a user name or password");
    }

    @Test
    void refusesAtTheMomentOfSendingATargetThatResolvesToThisMachine() {
        HttpResponse<String> accepted = jobs.upload(sample("prices-bad-number.csv"), "?name=bad.csv");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json(accepted.body()).get("id").asText();
        jobs.awaitStatus(id, Duration.ofSeconds(60), "FAILED");

        JsonNode history = awaitGivenUp(id);
        String eventId = null;
        for (JsonNode event : history.get("events")) {
            if (event.get("type").asText().equals("job.failed")) {
                eventId = event.get("id").asText();
            }
        }
        java.util.List<JsonNode> attempts = new java.util.ArrayList<>();
        for (JsonNode attempt : history.get("deliveries")) {
            if (attempt.get("eventId").asText().equals(eventId)) {
                attempts.add(attempt);
            }
        }
        assertThat(attempts).hasSize(2);
        JsonNode attempt = attempts.get(0);
        assertThat(attempt.get("error").asText())
                .isEqualTo("refused: 127.0.0.1 is a loopback address; webhooks go to public addresses only");
        assertThat(attempt.get("url").asText()).isEqualTo(tenantUrl);
        assertThat(attempt.has("statusCode")).isFalse();
        assertThat(receiver.deliveries(delivery -> true)).isEmpty();
    }

    private static void assertRefused(String callbackUrl, String why) {
        HttpResponse<String> refused = jobs.upload(sample("prices.csv"),
                "?name=refused.csv&callbackUrl=" + URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json(refused.body()).get("error").asText()).isEqualTo("invalid_callback_url");
        assertThat(refused.body()).contains("callbackUrl").contains(why);
        assertThat(refused.body()).doesNotContain("Exception");

        HttpResponse<String> form = signalbox.send(signalbox.request("/v1/jobs?callbackUrl="
                        + URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\nx\r\n--x--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(422);
        assertThat(form.body()).contains("callbackUrl");
    }

    private static JsonNode awaitGivenUp(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode history = json(jobs.get("/v1/jobs/" + id + "/deliveries").body());
            for (JsonNode event : history.get("events")) {
                if (event.get("type").asText().equals("job.failed") && event.get("status").asText().equals("FAILED")) {
                    return history;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("job.failed of job " + id + " was not given up: " + history);
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
    }
}
