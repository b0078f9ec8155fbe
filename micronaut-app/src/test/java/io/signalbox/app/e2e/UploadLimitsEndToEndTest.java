package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Upload limits and malformed uploads answered exactly, on the real system, with requests written byte by byte:
 * what a client sent wrong is named in the answer, nothing is stored of it, and its job (once it has one) ends at once
 * with the reason.
 */
class UploadLimitsEndToEndTest {

    private static final int MAX_BYTES = 1024 * 1024;
    private static final String AUTH = "Bearer " + RunningSignalbox.API_KEY;
    private static final String BOUNDARY = "----signalbox-limits";
    private static final String RECIPE = "{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":5}]}";

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of("signalbox.upload.max-bytes", MAX_BYTES));
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void answers413FromTheContentLengthWithoutWaitingForTheBody() throws Exception {
        long jobsBefore = countJobs();
        int objectsBefore = signalbox.keys("uploads/").size();
        RawHttp.Response answer;
        try (RawHttp client = connect()) {
            client.head("POST", "/v1/jobs?name=big.csv", Map.of("Authorization", AUTH, "Content-Type", "text/csv",
                    "Content-Length", Integer.toString(2 * MAX_BYTES)));
            answer = client.response();
        }

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"payload_too_large\"").contains("2097152 bytes").contains("1048576");
        assertCleanAnswer(answer);
        assertThat(answer.headers()).containsEntry("connection", "close");
        assertThat(countJobs()).isEqualTo(jobsBefore);
        assertThat(signalbox.keys("uploads/")).hasSize(objectsBefore);
    }

    @Test
    void answers413WhenAChunkedBodyCrossesTheLimitAndStoresNothing() {
        RawHttp.Response answer;
        try (RawHttp client = connect()) {
            client.head("POST", "/v1/jobs?name=chunked.csv", Map.of("Authorization", AUTH, "Content-Type", "text/csv",
                    "Transfer-Encoding", "chunked"));
            answer = sendChunksUntilAnswered(client, new byte[64 * 1024], 3 * MAX_BYTES);
        }

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"payload_too_large\"").contains("larger than 1048576 bytes");
        assertCleanAnswer(answer);
        JsonNode job = newestJob();
        assertThat(job.get("inputName").asText()).isEqualTo("chunked.csv");
        assertFailedWithNothingStored(job, "payload_too_large");
    }

    @Test
    void answers413WhenAChunkedMultipartBodyCrossesTheLimit() {
        RawHttp.Response answer;
        try (RawHttp client = connect()) {
            client.head("POST", "/v1/jobs", Map.of("Authorization", AUTH, "Content-Type",
                    "multipart/form-data; boundary=" + BOUNDARY, "Transfer-Encoding", "chunked"));
            client.chunk(partHead("file", "form-big.csv"));
            answer = sendChunksUntilAnswered(client, new byte[64 * 1024], 3 * MAX_BYTES);
        }

        assertThat(answer.status()).isEqualTo(413);
        assertCleanAnswer(answer);
        JsonNode job = newestJob();
        assertThat(job.get("inputName").asText()).isEqualTo("form-big.csv");
        assertFailedWithNothingStored(job, "payload_too_large");
    }

    @Test
    void answers400ForAMultipartBodyWithoutItsClosingBoundary() {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(partHead("file", "unclosed.csv"));
        form.writeBytes(sample("prices.csv"));

        RawHttp.Response answer = postForm(form.toByteArray());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("without its closing boundary").contains("\\\"file\\\"");
        assertCleanAnswer(answer);
        JsonNode job = newestJob();
        assertThat(job.get("inputName").asText()).isEqualTo("unclosed.csv");
        assertFailedWithNothingStored(job, "bad_request");
    }

    @Test
    void answers400NamingAPartThatComesAfterTheFileAndNeverRunsTheJob() {
        for (String late : List.of("recipe", "signals", "notes")) {
            ByteArrayOutputStream form = new ByteArrayOutputStream();
            form.writeBytes(partHead("file", "late-" + late + ".csv"));
            form.writeBytes(sample("prices.csv"));
            form.writeBytes(("\r\n").getBytes(StandardCharsets.US_ASCII));
            form.writeBytes(partHead(late, null));
            form.writeBytes(RECIPE.getBytes(StandardCharsets.UTF_8));
            form.writeBytes(closing());

            RawHttp.Response answer = postForm(form.toByteArray());

            assertThat(answer.status()).as(late).isEqualTo(400);
            assertThat(answer.body()).contains("the part \\\"" + late + "\\\" came after the part \\\"file\\\"");
            JsonNode job = newestJob();
            assertThat(job.get("inputName").asText()).isEqualTo("late-" + late + ".csv");
            assertFailedWithNothingStored(job, "bad_request");
        }
    }

    @Test
    void answers400NamingAPartThatComesOutOfOrderBeforeTheFile() {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(partHead("signals", "signals.csv"));
        form.writeBytes(sample("signals.csv"));
        form.writeBytes(("\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(partHead("recipe", null));
        form.writeBytes(RECIPE.getBytes(StandardCharsets.UTF_8));
        form.writeBytes(("\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(partHead("file", "prices.csv"));
        form.writeBytes(sample("prices.csv"));
        form.writeBytes(closing());

        RawHttp.Response answer = postForm(form.toByteArray());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("the part \\\"recipe\\\" came after the part \\\"signals\\\"");
        JsonNode job = newestJob();
        assertFailedWithNothingStored(job, "bad_request");
    }

    @Test
    void answers415ListingTheAcceptedTypesForAMissingOrUnparseableContentType() {
        Map<String, Map<String, String>> requests = new LinkedHashMap<>();
        requests.put("missing", Map.of("Authorization", AUTH, "Content-Length", "3"));
        requests.put("unparseable", Map.of("Authorization", AUTH, "Content-Length", "3", "Content-Type", "csv please"));
        requests.put("other", Map.of("Authorization", AUTH, "Content-Length", "3", "Content-Type", "image/png"));
        requests.forEach((what, headers) -> {
            RawHttp.Response answer;
            try (RawHttp client = connect()) {
                answer = client.head("POST", "/v1/jobs", headers).write("a,b".getBytes(StandardCharsets.US_ASCII))
                        .response();
            }
            assertThat(answer.status()).as(what).isEqualTo(415);
            assertThat(answer.body()).as(what).contains("\"unsupported_media_type\"").contains("text/csv")
                    .contains("application/gzip").contains("multipart/form-data");
            assertCleanAnswer(answer);
        });
    }

    @Test
    void answers431ForHeadersTooLargeAnd414ForARequestLineTooLong() {
        RawHttp.Response headers;
        try (RawHttp client = connect()) {
            headers = client.head("GET", "/v1/jobs", Map.of("Authorization", AUTH, "X-Padding", "x".repeat(20_000)))
                    .response();
        }
        RawHttp.Response line;
        try (RawHttp client = connect()) {
            line = client.head("GET", "/v1/jobs?name=" + "y".repeat(10_000), Map.of("Authorization", AUTH)).response();
        }

        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.body()).contains("headers are larger than 8192 bytes");
        assertThat(line.status()).isEqualTo(414);
        assertThat(line.body()).contains("request line").contains("longer than 4096 bytes");
        assertCleanAnswer(headers);
        assertCleanAnswer(line);
    }

    @Test
    void aClientThatDisconnectsMidUploadFailsItsJobAtOnceWithOneLogLine() {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            try (RawHttp client = connect()) {
                client.head("POST", "/v1/jobs?name=cut.csv", Map.of("Authorization", AUTH, "Content-Type", "text/csv",
                        "Content-Length", "900000"));
                client.write(Arrays.copyOf(sample("prices.csv"), 20_000));
                awaitNewestJob("cut.csv");
            }
            JsonNode job = awaitNewestJobStatus("cut.csv", "FAILED");
            assertThat(job.at("/failure/code").asText()).isEqualTo("upload_interrupted");
            assertThat(job.at("/failure/reason").asText()).contains("the connection ended after 20000 bytes");
            assertFailedWithNothingStored(job, "upload_interrupted");
            assertOneLogLine(logs, job.get("id").asText(), "the connection ended");

            try (RawHttp client = connect()) {
                client.head("POST", "/v1/jobs?name=cut-chunked.csv", Map.of("Authorization", AUTH,
                        "Content-Type", "text/csv", "Transfer-Encoding", "chunked"));
                client.chunk(Arrays.copyOf(sample("prices.csv"), 20_000));
                awaitNewestJob("cut-chunked.csv");
            }
            JsonNode chunked = awaitNewestJobStatus("cut-chunked.csv", "FAILED");
            assertThat(chunked.at("/failure/code").asText()).isEqualTo("upload_interrupted");
            assertOneLogLine(logs, chunked.get("id").asText(), "the connection ended");
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAfterAnUploadWasCutOffMakesANewJob() {
        try (RawHttp client = connect()) {
            client.head("POST", "/v1/jobs?name=retried.csv", Map.of("Authorization", AUTH, "Content-Type", "text/csv",
                    "Content-Length", "900000", "Idempotency-Key", "cut-then-retried"));
            client.write(new byte[10_000]);
            awaitNewestJob("retried.csv");
        }
        String cut = awaitNewestJobStatus("retried.csv", "FAILED").get("id").asText();

        var retry = jobs.upload(sample("prices.csv"), "?name=retried.csv", "Idempotency-Key", "cut-then-retried");

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(json(retry.body()).get("id").asText()).isNotEqualTo(cut);
        jobs.awaitStatus(json(retry.body()).get("id").asText(), Duration.ofSeconds(60), "SUCCEEDED");
    }

    private static RawHttp connect() {
        return new RawHttp(signalbox.uri("/"), Duration.ofSeconds(30));
    }

    private static RawHttp.Response postForm(byte[] form) {
        try (RawHttp client = connect()) {
            client.head("POST", "/v1/jobs", Map.of("Authorization", AUTH, "Content-Type",
                    "multipart/form-data; boundary=" + BOUNDARY, "Content-Length", Integer.toString(form.length)));
            client.tryWrite(form);
            return client.response();
        }
    }

    private static RawHttp.Response sendChunksUntilAnswered(RawHttp client, byte[] chunk, int most) {
        for (int sent = 0; sent < most && !client.answered(); sent += chunk.length) {
            String size = Integer.toHexString(chunk.length) + "\r\n";
            if (!client.tryWrite(size.getBytes(StandardCharsets.US_ASCII)) || !client.tryWrite(chunk)
                    || !client.tryWrite("\r\n".getBytes(StandardCharsets.US_ASCII))) {
                break;
            }
        }
        return client.response();
    }

    private static byte[] partHead(String name, String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: "
                + (fileName == null ? "application/json" : "text/csv") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] closing() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Never an internal object key nor a class name; the service's own words only. */
    private static void assertCleanAnswer(RawHttp.Response answer) {
        assertThat(answer.body()).doesNotContain("uploads/").doesNotContain("Exception").doesNotContain("io.")
                .doesNotContain("Internal Server Error");
        assertThat(answer.status()).isLessThan(500);
    }

    /** The job failed with the code, and nothing of it is in the bucket: no object, no multipart upload. */
    private static void assertFailedWithNothingStored(JsonNode job, String code) {
        String id = job.get("id").asText();
        JsonNode failed = jobs.awaitStatus(id, Duration.ofSeconds(10), "FAILED");
        assertThat(failed.at("/failure/code").asText()).isEqualTo(code);
        assertThat(failed.get("uploadedAt")).isNull();
        String prefix = "uploads/acme/" + id + "/";
        assertThat(signalbox.keys(prefix)).isEmpty();
        assertThat(signalbox.s3().listMultipartUploads(request -> request.bucket(RunningSignalbox.BUCKET).prefix(prefix))
                .uploads()).isEmpty();
    }

    /** Exactly one line tells of the job, without a stack trace, and nothing else logged a stack trace. */
    private static void assertOneLogLine(CapturedLogs logs, String jobId, String saying) {
        Instant deadline = Instant.now().plusSeconds(10);
        List<ILoggingEvent> lines = linesOf(logs, jobId);
        while (lines.isEmpty() && Instant.now().isBefore(deadline)) {
            JobsClient.pause(Duration.ofMillis(50));
            lines = linesOf(logs, jobId);
        }
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains(saying);
            assertThat(line.getThrowableProxy()).isNull();
        });
    }

    private static List<ILoggingEvent> linesOf(CapturedLogs logs, String jobId) {
        return logs.events().stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(event -> event.getFormattedMessage().contains(jobId) || event.getThrowableProxy() != null)
                .toList();
    }

    private static JsonNode newestJob() {
        return json(jobs.get("/v1/jobs?limit=1").body()).get("jobs").get(0);
    }

    private static void awaitNewestJob(String inputName) {
        awaitNewestJobStatus(inputName, null);
    }

    /** Polls the newest job until it is the one with this input name and, when given, in this status. */
    private static JsonNode awaitNewestJobStatus(String inputName, String status) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            JsonNode jobList = json(jobs.get("/v1/jobs?limit=1").body()).get("jobs");
            JsonNode newest = jobList.isEmpty() ? null : jobList.get(0);
            if (newest != null && newest.get("inputName").asText().equals(inputName)
                    && (status == null || newest.get("status").asText().equals(status))) {
                return newest;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("no newest job " + inputName + " " + status + ": " + newest);
            }
            JobsClient.pause(Duration.ofMillis(50));
        }
    }

    private static long countJobs() throws Exception {
        try (var db = signalbox.database(); ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM jobs")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
