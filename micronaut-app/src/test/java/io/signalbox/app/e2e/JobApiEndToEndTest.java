package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API end to end: HTTP in, real S3-API and SQS-API servers, PostgreSQL, the routes and the engine. */
class JobApiEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(3);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.cleanup.interval-millis", 500,
                "signalbox.download.grace", GRACE.toSeconds() + "s"));
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void uploadsProcessesAndDownloadsThenForgetsBothFilesAfterTheGraceWindow() throws Exception {
        byte[] prices = sample("prices.csv");
        HttpResponse<String> accepted = jobs.upload(prices, "?name=prices.csv");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode created = json(accepted.body());
        String id = created.get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/v1/jobs/" + id);
        assertThat(created.get("inputSha256").asText()).isEqualTo(sha256(prices));

        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        assertThat(done.get("inputBytes").asLong()).isEqualTo(prices.length);
        assertThat(done.get("inputSha256").asText()).isEqualTo(sha256(prices));
        assertThat(done.get("rows").asLong()).isEqualTo(520);
        assertThat(done.get("links").get("result").asText()).isEqualTo("/v1/jobs/" + id + "/result");
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).hasSize(1);
        assertThat(signalbox.keys("results/acme/" + id + "/")).hasSize(1);

        HttpResponse<byte[]> result = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.headers().firstValue("Content-Disposition").orElseThrow()).contains("prices.result.csv");
        assertThat(result.headers().firstValue("X-Signalbox-Completion-Token")).isEmpty();
        String[] lines = new String(result.body(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("date,symbol,open,high,low,close,volume,sma_20,ema_20,rsi_14,macd_12_26_9,"
                + "macd_signal_12_26_9,macd_hist_12_26_9,bb_upper_20_2,bb_middle_20_2,bb_lower_20_2,atr_14,");
        assertThat(lines).hasSize(521);
        assertThat((long) result.body().length).isEqualTo(done.get("resultBytes").asLong());

        assertThat(result.headers().firstValue("ETag")).hasValue("\"" + done.get("resultSha256").asText() + "\"");
        assertThat(sha256(result.body())).isEqualTo(done.get("resultSha256").asText());

        JsonNode downloaded = jobs.awaitStatus(id, Duration.ofSeconds(10), "DOWNLOADED");
        assertThat(downloaded.get("downloadedAt")).isNotNull();
        awaitNoObjects("uploads/acme/" + id + "/");
        awaitNoObjects("results/acme/" + id + "/");

        HttpResponse<String> again = jobs.get("/v1/jobs/" + id + "/result");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(json(again.body()).get("error").asText()).isEqualTo("gone");
        assertThat(json(again.body()).get("detail").asText()).contains("was downloaded at");
        HttpResponse<String> summary = jobs.get("/v1/jobs/" + id + "/summary");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(json(summary.body()).get("input").get("rows").asLong()).isEqualTo(520);
    }

    @Test
    void failsAMalformedFileNamingTheLineAndColumnAndDeletesIt() {
        HttpResponse<String> accepted = jobs.upload(sample("prices-bad-number.csv"), "?name=prices-bad-number.csv");
        String id = json(accepted.body()).get("id").asText();

        JsonNode failed = jobs.awaitStatus(id, PROCESSING, "FAILED");

        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("failure").get("code").asText()).isEqualTo("csv_format");
        assertThat(failed.get("failure").get("reason").asText())
                .isEqualTo("prices-bad-number.csv line 3, column \"close\": \"12,5x\" is not a number; "
                        + "expected a decimal number such as 12.5");
        HttpResponse<String> result = jobs.get("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(409);
        assertThat(json(result.body()).get("error").asText()).isEqualTo("job_failed");
        for (int i = 0; i < 100 && jobs.job(id).get("deletedAt") == null; i++) {
            JobsClient.pause(Duration.ofMillis(100));
        }
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
        JsonNode receipt = jobs.job(id);
        assertThat(receipt.get("deletedBecause").asText()).isEqualTo("failed");
        assertThat(receipt.get("deletedKeys").get(0).asText()).isEqualTo("uploads/acme/" + id + "/input");
    }

    @Test
    void takesAMultipartFormWithARecipeDocumentBeforeTheFile() {
        String recipe = "{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":5}]}";
        HttpResponse<String> accepted = jobs.uploadForm(recipe, "my prices.csv", sample("prices.csv"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode created = json(accepted.body());
        assertThat(created.get("recipe").asText()).isEqualTo("custom");
        assertThat(created.get("inputName").asText()).isEqualTo("my prices.csv");

        String id = created.get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        String header = new String(jobs.getBytes("/v1/jobs/" + id + "/result").body(), StandardCharsets.UTF_8).lines()
                .findFirst().orElseThrow();
        assertThat(header).isEqualTo("date,symbol,open,high,low,close,volume,sma_5");
    }

    @Test
    void joinsASignalsPartToThePricesAndReportsSignalsThatMatchNoBar() {
        HttpResponse<String> accepted = jobs.uploadForm(null, sample("signals.csv"), "prices.csv", sample("prices.csv"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json(accepted.body()).get("id").asText();

        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");

        JsonNode signals = json(jobs.get("/v1/jobs/" + id + "/summary").body()).get("signals");
        assertThat(signals.get("source").asText()).isEqualTo("signals_file");
        assertThat(signals.get("file").asText()).isEqualTo("signals.csv");
        assertThat(signals.get("matched").asLong()).isEqualTo(5);
        assertThat(signals.get("unmatched").asLong()).isEqualTo(1);
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).containsExactlyInAnyOrder(
                "uploads/acme/" + id + "/input", "uploads/acme/" + id + "/signals");
    }

    @Test
    void rejectsAnInvalidRecipePartWith422NamingTheJsonPath() {
        HttpResponse<String> response = jobs.uploadForm("{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":0}]}",
                "prices.csv", sample("prices.csv"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response.body()).get("path").asText()).isEqualTo("$.indicators[0].window");
    }

    @Test
    void anInterruptedDownloadDeletesNothingAndCanBeDownloadedAgain() throws Exception {
        byte[] big = generatedPrices(400_000);
        String id = jobs.uploadAccepted(big).get("id").asText();
        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        long resultBytes = done.get("resultBytes").asLong();
        assertThat(resultBytes).isGreaterThan(16L * 1024 * 1024);

        URI uri = signalbox.uri("/v1/jobs/" + id + "/result");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                    + RunningSignalbox.API_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = in.readNBytes(256 * 1024);
            assertThat(new String(first, 0, 64, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        }
        JobsClient.pause(Duration.ofSeconds(2));
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(signalbox.keys("results/acme/" + id + "/")).hasSize(1);
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).hasSize(1);

        HttpResponse<byte[]> retry = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat((long) retry.body().length).isEqualTo(resultBytes);
        jobs.awaitStatus(id, Duration.ofSeconds(10), "DOWNLOADED");
        awaitNoObjects("results/acme/" + id + "/");
    }

    @Test
    void rejectsAMissingOrWrongApiKeyWith401() {
        HttpResponse<String> missing = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(missing.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");

        HttpResponse<String> wrong = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs"))
                .header("Authorization", "Bearer sbx_not_a_key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong.body()).get("detail").asText()).isEqualTo("the API key is not valid");
    }

    @Test
    void hidesAnotherTenantsJobsAs404() throws Exception {
        String otherKey = signalbox.addTenant("globex");
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();

        for (String path : new String[] {"/v1/jobs/" + id, "/v1/jobs/" + id + "/result", "/v1/jobs/" + id + "/summary"}) {
            HttpResponse<String> response = signalbox.send(HttpRequest.newBuilder(signalbox.uri(path))
                    .header("Authorization", "Bearer " + otherKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response.body()).get("error").asText()).isEqualTo("not_found");
        }
        HttpResponse<String> delete = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs/" + id))
                .header("Authorization", "Bearer " + otherKey).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(404);
        HttpResponse<String> list = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs"))
                .header("Authorization", "Bearer " + otherKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(list.body()).get("jobs")).isEmpty();
        assertThat(jobs.job(id).get("status").asText()).isNotEqualTo("CANCELLED");
    }

    @Test
    void rejectsAnUnknownRecipeWith422BeforeStoringAnything() throws Exception {
        long jobsBefore = signalbox.jobCount();
        int uploadsBefore = signalbox.keys("uploads/").size();

        HttpResponse<String> response = jobs.upload(sample("prices.csv"), "?recipe=no-such-preset");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json(response.body());
        assertThat(error.get("error").asText()).isEqualTo("recipe_invalid");
        assertThat(error.get("detail").asText()).contains("no-such-preset");
        assertThat(error.get("path").asText()).startsWith("$");
        assertThat(signalbox.jobCount()).isEqualTo(jobsBefore);
        assertThat(signalbox.keys("uploads/")).hasSize(uploadsBefore);
    }

    @Test
    void answersTheSameJobToARetryWithTheSameIdempotencyKey() {
        byte[] prices = sample("prices.csv");
        HttpResponse<String> first = jobs.upload(prices, "?name=prices.csv", "Idempotency-Key", "retry-42");
        HttpResponse<String> retry = jobs.upload(prices, "?name=prices.csv", "Idempotency-Key", "retry-42");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry.body()).get("id").asText()).isEqualTo(json(first.body()).get("id").asText());
        HttpResponse<String> other = jobs.upload(prices, "?name=prices.csv", "Idempotency-Key", "retry-43");
        assertThat(json(other.body()).get("id").asText()).isNotEqualTo(json(first.body()).get("id").asText());
    }

    @Test
    void cancellingAFinishedJobDeletesItsFilesAndItsResultIsGone() {
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");

        HttpResponse<String> cancelled = signalbox.send(signalbox.request("/v1/jobs/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled.body()).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(cancelled.body()).get("filesDeletedAt")).isNotNull();
        assertThat(json(cancelled.body()).get("deletedBecause").asText()).isEqualTo("cancelled");
        assertThat(json(cancelled.body()).get("deletedKeys")).hasSize(2);
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
        assertThat(signalbox.keys("results/acme/" + id + "/")).isEmpty();
        assertThat(jobs.get("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(410);
    }

    @Test
    void listsTheTenantsJobsNewestFirstInPages() {
        String older = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        String newer = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();

        JsonNode page = json(jobs.get("/v1/jobs?limit=1").body());
        assertThat(page.get("jobs")).hasSize(1);
        assertThat(page.get("jobs").get(0).get("id").asText()).isEqualTo(newer);
        JsonNode next = json(jobs.get(page.get("next").asText()).body());
        assertThat(next.get("jobs").get(0).get("id").asText()).isEqualTo(older);

        HttpResponse<String> badCursor = jobs.get("/v1/jobs?cursor=nonsense");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(json(badCursor.body()).get("detail").asText()).contains("cursor");
    }

    @Test
    void namesTheQueryParameterThatIsNotOfItsTypeAndWhatItExpects() {
        HttpResponse<String> badStatus = jobs.get("/v1/jobs?status=FINISHED");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(json(badStatus.body()).get("detail").asText()).isEqualTo("parameter status: \"FINISHED\" is invalid;"
                + " expected one of [AWAITING_UPLOAD, QUEUED, PROCESSING, SUCCEEDED, DOWNLOADED, FAILED, EXPIRED,"
                + " CANCELLED]");
        HttpResponse<String> badLimit = jobs.get("/v1/jobs?limit=ten");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit.body()).get("detail").asText())
                .isEqualTo("parameter limit: \"ten\" is invalid; expected an integer");
        assertThat(json(jobs.get("/v1/jobs?status=failed").body()).get("jobs").isArray()).isTrue();
    }

    @Test
    void answersAnUnknownJobWith404() {
        HttpResponse<String> response = jobs.get("/v1/jobs/00000000-0000-0000-0000-000000000000");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).get("detail").asText()).contains("does not exist");
        assertThat(jobs.get("/v1/jobs/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAFormEncodedBodyWith415() {
        HttpResponse<String> response = signalbox.send(signalbox.request("/v1/jobs")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response.body()).get("error").asText()).isEqualTo("unsupported_media_type");
    }


    private static void awaitNoObjects(String prefix) {
        for (int i = 0; i < 100 + GRACE.toMillis() / 100 && !signalbox.keys(prefix).isEmpty(); i++) {
            JobsClient.pause(Duration.ofMillis(100));
        }
        assertThat(signalbox.keys(prefix)).as("objects under " + prefix).isEmpty();
    }

    static byte[] generatedPrices(int rows) {
        StringBuilder csv = new StringBuilder(rows * 64).append("timestamp,symbol,open,high,low,close,volume\n");
        double price = 100;
        long minute = 1_735_689_600L;
        for (int i = 0; i < rows; i++) {
            price *= 1 + Math.sin(i * 0.37) * 0.004;
            csv.append(minute + (i / 4) * 60L).append(",SYM").append(i % 4).append(',')
                    .append(price).append(',').append(price * 1.01).append(',').append(price * 0.99).append(',')
                    .append(price * 1.001).append(',').append(1000 + i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
