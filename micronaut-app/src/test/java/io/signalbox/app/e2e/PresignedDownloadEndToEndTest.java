package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.DropFolderProbe.await;
import static io.signalbox.app.e2e.JobApiEndToEndTest.sha256;
import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A result downloaded straight from storage: the API answers 303 to a presigned URL, a plain HTTP client without the
 * API key downloads through it, and storage's own GetObject events of those reads, with the service's streamed
 * downloads, make the job DOWNLOADED, start the grace window and leave the receipt. Real S3 (whose reads publish
 * CloudTrail's events), SQS and PostgreSQL.
 */
class PresignedDownloadEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Storage's read events travel through the downloads queue to the cleanup route. */
    private static final Duration EVENTS = Duration.ofSeconds(30);
    private static final Duration URL_LIFETIME = Duration.ofMinutes(3);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    /** Storage's clients: no API key, only the presigned URL. */
    private static final HttpClient STORAGE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.download.grace", GRACE.toSeconds() + "s",
                "signalbox.download.presigned-url-lifetime", URL_LIFETIME.toMinutes() + "m",
                "signalbox.cleanup.interval-millis", 300));
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void preferReturnRedirectAnswers303ToAUrlWhoseBytesAreTheResultAndTheirDeliveryDeletesItAfterTheGraceWindow()
            throws Exception {
        String id = succeededJob();
        JsonNode job = jobs.job(id);
        Instant asked = Instant.now();

        HttpResponse<String> redirect = askForRedirect(id, "Prefer", "return=redirect");

        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Preference-Applied")).hasValue("return=redirect");
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(redirect.headers().firstValue("Vary")).hasValue("Prefer");
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPort()).isEqualTo(signalbox.aws().s3Endpoint().getPort());
        assertThat(location.getPath()).isEqualTo("/" + RunningSignalbox.BUCKET + "/results/acme/" + id + "/1/result.csv");
        JsonNode body = json(redirect.body());
        assertThat(body.get("url").asText()).isEqualTo(location.toString());
        assertThat(body.get("resultBytes").asLong()).isEqualTo(job.get("resultBytes").asLong());
        assertThat(body.get("resultSha256").asText()).isEqualTo(job.get("resultSha256").asText());
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isBetween(asked.plus(URL_LIFETIME).minusSeconds(5), asked.plus(URL_LIFETIME).plusSeconds(5));
        assertThat(jobs.job(id).get("status").asText()).as("asking for the URL delivers nothing").isEqualTo("SUCCEEDED");

        HttpResponse<byte[]> download = STORAGE.send(HttpRequest.newBuilder(location).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(job.get("resultSha256").asText());
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"prices.result.csv\"");
        JsonNode downloaded = jobs.awaitStatus(id, EVENTS, "DOWNLOADED");
        assertThat(downloaded.get("downloadedAt")).isNotNull();
        assertThat(downloaded.get("downloadableUntil")).isNotNull();
        assertThat(signalbox.readsRecorded(id)).as("one read through the URL, nothing of the service's own").isEqualTo(1);

        JsonNode deleted = DropFolderProbe.awaitValue("the receipt", GRACE.plus(EVENTS), () -> {
            JsonNode current = jobs.job(id);
            return current.has("deletedAt") ? current : null;
        });
        assertThat(deleted.get("status").asText()).isEqualTo("DOWNLOADED");
        assertThat(deleted.get("deletedBecause").asText()).isEqualTo("downloaded");
        assertThat(JobsClient.texts(deleted.get("deletedKeys"))).containsExactlyInAnyOrder("uploads/acme/" + id + "/input",
                "results/acme/" + id + "/1/result.csv");
        assertThat(signalbox.keys("results/acme/" + id + "/")).isEmpty();
        HttpResponse<String> gone = askForRedirect(id, "Prefer", "return=redirect");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(gone.body()).get("error").asText()).isEqualTo("gone");
        assertThat(gone.body()).contains("grace window");
        assertThat(STORAGE.send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aPartialReadThroughTheUrlDoesNotDeliverTheResultAndAWholeOneThenDoes() throws Exception {
        String id = succeededJob();
        long length = jobs.job(id).get("resultBytes").asLong();
        URI location = URI.create(askForRedirect(id, "Prefer", "return=redirect").headers().firstValue("Location")
                .orElseThrow());

        HttpResponse<byte[]> part = STORAGE.send(HttpRequest.newBuilder(location).header("Range", "bytes=0-99").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        await("the partial read to be recorded", EVENTS, () -> signalbox.readsRecorded(id) >= 1);
        JobsClient.pause(Duration.ofSeconds(2));
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(jobs.job(id).has("downloadedAt")).isFalse();

        HttpResponse<byte[]> whole = STORAGE.send(HttpRequest.newBuilder(location).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.body()).hasSize((int) length);
        jobs.awaitStatus(id, EVENTS, "DOWNLOADED");
    }

    @Test
    void deliveryPresignedRedirectsTheSameWayWithoutClaimingAPreference() throws Exception {
        String id = succeededJob();

        HttpResponse<String> redirect = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result?delivery=presigned")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Preference-Applied")).isEmpty();
        HttpResponse<byte[]> download = STORAGE.send(HttpRequest.newBuilder(URI.create(
                redirect.headers().firstValue("Location").orElseThrow())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sha256(download.body())).isEqualTo(jobs.job(id).get("resultSha256").asText());
        jobs.awaitStatus(id, EVENTS, "DOWNLOADED");
    }

    @Test
    void deliveryStreamOverridesThePreferenceAndAnUnknownDeliveryIs400() throws Exception {
        String id = succeededJob();

        HttpResponse<byte[]> streamed = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result?delivery=stream")
                .header("Prefer", "return=redirect").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> unknown = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result?delivery=s3")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(sha256(streamed.body())).isEqualTo(jobs.job(id).get("resultSha256").asText());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).get("error").asText()).isEqualTo("bad_request");
        assertThat(json(unknown.body()).get("detail").asText()).contains("delivery is \"s3\"", "\"presigned\"");
    }

    @Test
    void theServicesOwnReadsOfAResultForAStreamedDownloadAreNotCountedAgainFromStoragesEvents() {
        String id = succeededJob();
        long length = jobs.job(id).get("resultBytes").asLong();

        HttpResponse<byte[]> half = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Range", "bytes=0-" + (length / 2 - 1)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(half.statusCode()).isEqualTo(206);
        await("the streamed part to be recorded", EVENTS, () -> signalbox.readsRecorded(id) >= 1);
        // The service's GetObject of that range published its event too; give the cleanup route time to take it.
        JobsClient.pause(Duration.ofSeconds(5));
        assertThat(signalbox.readsRecorded(id)).isEqualTo(1);
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anotherTenantsJobIs404AndAJobNotFinishedGetsTheStreamedPathsOwnAnswer() {
        String id = succeededJob();
        String otherKey = signalbox.addTenant("globex-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> foreign = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs/" + id + "/result"))
                .header("Authorization", "Bearer " + otherKey).header("Prefer", "return=redirect").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign.body()).get("error").asText()).isEqualTo("not_found");
        assertThat(foreign.headers().firstValue("Location")).isEmpty();

        String awaiting = new PresignedClient(signalbox).created("""
                {"upload": "presigned", "name": "later.csv", "size": 1000}""").get("job").get("id").asText();
        HttpResponse<String> streamed = jobs.get("/v1/jobs/" + awaiting + "/result");
        HttpResponse<String> redirected = askForRedirect(awaiting, "Prefer", "return=redirect");
        HttpResponse<String> presigned = jobs.get("/v1/jobs/" + awaiting + "/result?delivery=presigned");

        assertThat(streamed.statusCode()).isEqualTo(409);
        assertThat(json(streamed.body()).get("error").asText()).isEqualTo("not_ready");
        for (HttpResponse<String> answer : List.of(redirected, presigned)) {
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(json(answer.body())).isEqualTo(json(streamed.body()));
        }
    }

    private static String succeededJob() {
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        return id;
    }

    private static HttpResponse<String> askForRedirect(String id, String header, String value) {
        return signalbox.send(signalbox.request("/v1/jobs/" + id + "/result").header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
