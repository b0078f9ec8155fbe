package io.signalbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code kill -9} of local mode while an upload, a job's processing and a download are in flight, then a restart on
 * the same home with nothing done by hand: every job ends in exactly one final state with one result, the cut upload
 * leaves no object, and the only things the crash leaves open are the two multipart uploads it cut off: the cut
 * upload's input and the result the killed attempt was writing, under that attempt's own prefix.
 */
class LocalModeCrashTest {

    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofMinutes(4);
    /** Short cleanup and redelivery times, so that what the crash left is dealt with within the test. */
    private static final Map<String, String> QUICK = Map.of(
            "SIGNALBOX_CLEANUP_UPLOAD_WINDOW", "20s",
            "SIGNALBOX_CLEANUP_INTERVAL_MILLIS", "2000",
            "SIGNALBOX_PROCESS_VISIBILITY_TIMEOUT_SECONDS", "10",
            "SIGNALBOX_QUEUES_WAIT_TIME_SECONDS", "1");

    @TempDir
    static Path folder;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterAll
    static void noPostgresLeftBehind() {
        LocalPostgres.stopLeftBehind(folder.resolve("home"));
    }

    @Test
    @SuppressWarnings("try") // the sockets are held open, unused, so that the kill cuts an upload and a download
    void aKilledLocalModeRestartsOnItsHomeAndEveryJobEndsOnceWithNothingLeftOver() throws Exception {
        Path home = folder.resolve("home");
        int[] ports = LocalProcess.freePorts();
        URI api;
        String downloaded;
        String processing;
        String uploading;
        try (LocalProcess first = LocalProcess.start(home, ports, QUICK, "first").awaitReady(START)) {
            api = first.api();

            try (LocalProcess second = LocalProcess.start(home, ports, QUICK, "second")) {
                assertThat(second.awaitExit(Duration.ofMinutes(2))).isEqualTo(1);
                assertThat(second.output().strip()).endsWith("signalbox: another Signalbox is running on " + home
                        + ": local mode, pid " + first.pid() + " (REST API port " + ports[0] + ", S3 port "
                        + ports[1] + ", SQS port " + ports[2] + "); stop it first, or give this one its own"
                        + " SIGNALBOX_HOME");
            }

            byte[] big = prices(120_000);
            downloaded = upload(api, big, "downloaded.csv");
            awaitStatus(api, downloaded, "SUCCEEDED");
            processing = upload(api, prices(600_000), "processing.csv");
            awaitStatus(api, processing, "PROCESSING");

            try (Socket upload = cutUpload(api, big);
                    Socket download = startDownload(api, downloaded)) {
                uploading = awaitUploadBegun(api);
                first.kill();
            }
        }

        try (LocalProcess restarted = LocalProcess.start(home, ports, QUICK, "restarted").awaitReady(START);
                S3Client s3 = s3(restarted.info())) {
            assertThat(restarted.output()).contains("A PostgreSQL (pid ")
                    .contains("left by a local mode that did not stop; stopping it");

            assertThat(awaitStatus(api, processing, "SUCCEEDED").get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(attemptsWithFiles(s3, processing)).as("results of " + processing).hasSize(1);

            assertThat(job(api, downloaded).get("status").asText()).as("a download cut off completes nothing")
                    .isEqualTo("SUCCEEDED");
            HttpResponse<byte[]> result = http.send(authorized(api.resolve("v1/jobs/" + downloaded + "/result"))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(new String(result.body(), 0, 200, StandardCharsets.UTF_8)).startsWith("date,symbol,");

            JsonNode cut = awaitStatus(api, uploading, "FAILED", "EXPIRED");
            awaitTrue("the cut upload's files to be deleted", () -> keys(s3, "uploads/local/" + uploading).isEmpty());
            assertThat(cut.get("status").asText()).isIn("FAILED", "EXPIRED");

            String succeeded = "results/local/" + processing + "/" + job(api, processing).get("attempts").asInt() + "/";
            assertThat(s3.listMultipartUploads(request -> request.bucket("signalbox")).uploads())
                    .as("multipart uploads still open: at most the two the crash cut off")
                    .allSatisfy(open -> assertThat(open.key()).satisfiesAnyOf(
                            key -> assertThat(key).isEqualTo("uploads/local/" + uploading + "/input"),
                            key -> assertThat(key).startsWith("results/local/" + processing + "/")
                                    .doesNotStartWith(succeeded)));
            for (String job : List.of(downloaded, processing, uploading)) {
                assertThat(job(api, job).get("status").asText()).as(job).isIn("SUCCEEDED", "DOWNLOADED", "FAILED",
                        "EXPIRED");
            }
        }
        assertThat(LocalPostgres.runningPort(home)).as("a stopped local mode leaves no PostgreSQL").isEmpty();
    }

    private static byte[] prices(int rows) {
        StringBuilder csv = new StringBuilder("date,symbol,open,high,low,close,volume\n");
        String[] symbols = {"AAPL", "MSFT", "NVDA", "AMZN"};
        for (int i = 0; i < rows; i++) {
            String symbol = symbols[i % symbols.length];
            int day = i / symbols.length;
            double close = 100 + (day % 97) * 0.5 + symbols.length * Math.sin(day / 7.0);
            csv.append(java.time.LocalDate.of(1990, 1, 1).plusDays(day)).append(',').append(symbol).append(',')
                    .append(close - 1).append(',').append(close + 2).append(',').append(close - 2).append(',')
                    .append(close).append(',').append(1000 + day).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private String upload(URI api, byte[] body, String name) throws Exception {
        HttpResponse<String> response = http.send(authorized(api.resolve("v1/jobs?name=" + name))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return new ObjectMapper().readTree(response.body()).get("id").asText();
    }

    /** An upload that announces its whole length and sends a tenth of it, then stalls. */
    private static Socket cutUpload(URI api, byte[] file) throws IOException {
        Socket socket = new Socket(api.getHost(), api.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/jobs?name=cut.csv HTTP/1.1\r\nHost: " + api.getHost() + "\r\nAuthorization: Bearer "
                + LocalProcess.API_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: " + file.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(file, 0, file.length / 10);
        out.flush();
        return socket;
    }

    /** A download that reads its first bytes and stops reading, with a small receive buffer. */
    private static Socket startDownload(URI api, String job) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress(api.getHost(), api.getPort()));
        socket.getOutputStream().write(("GET /v1/jobs/" + job + "/result HTTP/1.1\r\nHost: " + api.getHost()
                + "\r\nAuthorization: Bearer " + LocalProcess.API_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] first = in.readNBytes(1024);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        return socket;
    }

    private String awaitUploadBegun(URI api) throws Exception {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode job : new ObjectMapper().readTree(http.send(authorized(api.resolve("v1/jobs?limit=10"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).get("jobs")) {
                if (job.get("inputName").asText().equals("cut.csv")) {
                    return job.get("id").asText();
                }
            }
            LocalProcess.pause(Duration.ofMillis(200));
        }
        throw new AssertionFailedError("the cut upload made no job within " + SETTLE);
    }

    private JsonNode awaitStatus(URI api, String id, String... statuses) throws Exception {
        Set<String> wanted = Set.of(statuses);
        Instant deadline = Instant.now().plus(SETTLE);
        JsonNode job = job(api, id);
        while (!wanted.contains(job.get("status").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("job " + id + " did not reach " + wanted + " within " + SETTLE + ": "
                        + job);
            }
            LocalProcess.pause(Duration.ofMillis(250));
            job = job(api, id);
        }
        return job;
    }

    private JsonNode job(URI api, String id) throws Exception {
        HttpResponse<String> response = http.send(authorized(api.resolve("v1/jobs/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + LocalProcess.API_KEY)
                .timeout(Duration.ofSeconds(60));
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("waited " + SETTLE + " for " + what);
            }
            LocalProcess.pause(Duration.ofMillis(500));
        }
    }

    private static Set<String> attemptsWithFiles(S3Client s3, String job) {
        return keys(s3, "results/local/" + job + "/").stream()
                .map(key -> key.substring(("results/local/" + job + "/").length()).split("/")[0])
                .collect(Collectors.toSet());
    }

    private static List<String> keys(S3Client s3, String prefix) {
        return s3.listObjectsV2Paginator(request -> request.bucket("signalbox").prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static S3Client s3(JsonNode info) {
        return S3Client.builder().endpointOverride(URI.create(info.at("/s3/endpoint").asText()))
                .forcePathStyle(true).region(Region.of(info.at("/s3/region").asText()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        info.at("/s3/accessKeyId").asText(), info.at("/s3/secretAccessKey").asText())))
                .build();
    }
}
