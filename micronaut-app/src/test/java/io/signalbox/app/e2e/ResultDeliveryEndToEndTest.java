package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.DropFolderProbe.await;
import static io.signalbox.app.e2e.JobApiEndToEndTest.sha256;
import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * A result is deleted only once it surely arrived: HEAD reads nothing, ranged and interrupted downloads resume, a
 * complete delivery leaves the files for a grace window, an acknowledgement ends it, and every deletion leaves a
 * receipt. Real HTTP clients (and a relay cut off mid-body) against the application on real S3, SQS and PostgreSQL.
 */
class ResultDeliveryEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.download.grace", GRACE.toSeconds() + "s",
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
    void headAnswersTheResultsHeadersAndNeverCountsAsADownload() throws Exception {
        String id = succeededJob(sample("prices.csv"));
        JsonNode job = jobs.job(id);
        long length = job.get("resultBytes").asLong();
        String sha256 = job.get("resultSha256").asText();

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> head = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(length);
            assertThat(head.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");
            assertThat(head.headers().firstValue("Repr-Digest")).hasValue(reprDigest(sha256));
            assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(head.headers().firstValue("Content-Disposition").orElseThrow()).contains("prices.result.csv");
        }

        JobsClient.pause(Duration.ofSeconds(2));
        JsonNode after = jobs.job(id);
        assertThat(after.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(after.has("downloadedAt")).isFalse();
        assertThat(signalbox.keys("results/acme/" + id + "/")).hasSize(1);
        HttpResponse<byte[]> download = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(sha256);
    }

    @Test
    void aDownloadCutOffMidBodyResumesWithARangeAndTheJoinedFileHasTheResultsDigest() throws Exception {
        String id = succeededJob(JobApiEndToEndTest.generatedPrices(120_000));
        JsonNode job = jobs.job(id);
        long length = job.get("resultBytes").asLong();
        String sha256 = job.get("resultSha256").asText();
        assertThat(length).isGreaterThan(16L * 1024 * 1024);

        byte[] start;
        try (ThrottledTcpProxy proxy = new ThrottledTcpProxy(signalbox.uri("/").getPort(), 2L * 1024 * 1024)) {
            start = firstBytesThenCut(proxy.port(), "/v1/jobs/" + id + "/result", 3 * 1024 * 1024);
        }
        await("the cut-off response to be recorded", Duration.ofSeconds(30), () -> signalbox.readsRecorded(id) > 0);
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(signalbox.keys("results/acme/" + id + "/")).hasSize(1);

        HttpResponse<byte[]> rest = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Range", "bytes=" + start.length + "-").header("If-Range", "\"" + sha256 + "\"").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range"))
                .hasValue("bytes " + start.length + "-" + (length - 1) + "/" + length);
        assertThat(rest.headers().firstValueAsLong("Content-Length")).hasValue(length - start.length);
        String digest = rest.headers().firstValue("Repr-Digest").orElseThrow();
        byte[] joined = concat(start, rest.body());
        assertThat(joined).hasSize((int) length);
        assertThat(sha256(joined)).isEqualTo(sha256);
        assertThat(digest).isEqualTo(reprDigest(sha256(joined)));
        JsonNode downloaded = jobs.awaitStatus(id, Duration.ofSeconds(30), "DOWNLOADED");
        assertThat(downloaded.get("downloadedAt")).isNotNull();
    }

    @Test
    void rangedPartsThatTogetherCoverTheResultCompleteTheDownloadAndEachIsA206() throws Exception {
        String id = succeededJob(sample("prices.csv"));
        long length = jobs.job(id).get("resultBytes").asLong();
        long half = length / 2;

        HttpResponse<byte[]> first = ranged(id, "bytes=0-" + (half - 1));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-" + (half - 1) + "/" + length);
        assertThat(first.body()).hasSize((int) half);
        await("the first part to be recorded", Duration.ofSeconds(30), () -> signalbox.readsRecorded(id) > 0);
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");

        HttpResponse<byte[]> second = ranged(id, "bytes=" + half + "-");
        assertThat(second.statusCode()).isEqualTo(206);
        jobs.awaitStatus(id, Duration.ofSeconds(30), "DOWNLOADED");
        assertThat(sha256(concat(first.body(), second.body()))).isEqualTo(jobs.job(id).get("resultSha256").asText());
    }

    @Test
    void aRangeBeyondTheResultIs416NamingItsLengthAndAStaleIfRangeGetsTheWholeResult() throws Exception {
        String id = succeededJob(sample("prices.csv"));
        long length = jobs.job(id).get("resultBytes").asLong();

        HttpResponse<String> beyond = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Range", "bytes=" + length + "-").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + length);
        assertThat(json(beyond.body()).get("error").asText()).isEqualTo("range_not_satisfiable");
        assertThat(beyond.body()).contains("past the last byte of the " + length + " the result has");

        HttpResponse<String> notARange = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Range", "bytes=ten-twenty").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notARange.statusCode()).isEqualTo(416);
        assertThat(notARange.body()).contains("is not a byte range");

        HttpResponse<byte[]> stale = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Range", "bytes=10-19").header("If-Range", "\"an-older-result\"").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat((long) stale.body().length).isEqualTo(length);
    }

    @Test
    void aCompleteDownloadCanBeRepeatedWithinTheGraceWindowThenTheFilesGoWithAReceiptAnd410() throws Exception {
        String id = succeededJob(sample("prices.csv"));

        HttpResponse<byte[]> first = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode downloaded = jobs.awaitStatus(id, Duration.ofSeconds(30), "DOWNLOADED");
        assertThat(downloaded.get("downloadableUntil")).isNotNull();
        assertThat(downloaded.get("links").get("result").asText()).isEqualTo("/v1/jobs/" + id + "/result");
        HttpResponse<byte[]> again = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());

        JsonNode deleted = DropFolderProbe.awaitValue("the receipt", GRACE.plusSeconds(30), () -> {
            JsonNode job = jobs.job(id);
            return job.has("deletedAt") ? job : null;
        });

        assertThat(deleted.get("status").asText()).isEqualTo("DOWNLOADED");
        assertThat(deleted.get("deletedBecause").asText()).isEqualTo("downloaded");
        assertThat(deleted.get("filesDeletedAt")).isNotNull();
        assertThat(deleted.has("downloadableUntil")).isFalse();
        assertThatEverythingIsGoneAndListed(id, deleted, "grace window");
    }

    @Test
    void aBrowserAskingForGzipGetsTheResultAsStoredAndItsDownloadCompletes() throws Exception {
        String id = succeededJob(sample("prices.csv"));
        JsonNode job = jobs.job(id);

        HttpResponse<byte[]> download = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Accept-Encoding", "gzip, deflate, br, zstd").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(job.get("resultBytes").asLong());
        assertThat(sha256(download.body())).isEqualTo(job.get("resultSha256").asText());
        assertThat(jobs.awaitStatus(id, Duration.ofSeconds(30), "DOWNLOADED").get("downloadableUntil")).isNotNull();
    }

    @Test
    void anAcknowledgementDeletesTheFilesAtOnceAndLeavesAReceipt() {
        String id = succeededJob(sample("prices.csv"));
        assertThat(jobs.getBytes("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(200);
        jobs.awaitStatus(id, Duration.ofSeconds(30), "DOWNLOADED");

        HttpResponse<String> acknowledged = signalbox.send(signalbox.request("/v1/jobs/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(acknowledged.statusCode()).isEqualTo(200);
        JsonNode receipt = json(acknowledged.body());
        assertThat(receipt.get("status").asText()).isEqualTo("DOWNLOADED");
        assertThat(receipt.get("deletedBecause").asText()).isEqualTo("acknowledged");
        assertThat(receipt.get("deletedAt")).isNotNull();
        assertThatEverythingIsGoneAndListed(id, receipt, "acknowledged");
    }

    @Test
    void deletingAJobsFilesAbortsItsUnfinishedUploadsBeforeSayingNothingIsLeft() {
        String id = succeededJob(sample("prices.csv"));
        String leftover = "results/acme/" + id + "/2/result.csv";
        String uploadId = signalbox.s3().createMultipartUpload(request -> request.bucket(RunningSignalbox.BUCKET)
                .key(leftover)).uploadId();
        signalbox.s3().uploadPart(request -> request.bucket(RunningSignalbox.BUCKET).key(leftover).uploadId(uploadId)
                .partNumber(1), RequestBody.fromBytes(new byte[1024]));

        HttpResponse<String> cancelled = signalbox.send(signalbox.request("/v1/jobs/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(cancelled.statusCode()).isEqualTo(200);
        JsonNode receipt = json(cancelled.body());
        assertThat(receipt.get("filesDeletedAt")).isNotNull();
        assertThat(receipt.get("deletedBecause").asText()).isEqualTo("cancelled");
        assertThat(signalbox.s3().listMultipartUploads(request -> request.bucket(RunningSignalbox.BUCKET)
                .prefix("results/acme/" + id + "/")).uploads()).isEmpty();
    }

    @Test
    void theDownloadsContentTypeIsTheStoredObjectsNotOneGuessedFromItsName() {
        String id = succeededJob(sample("prices.csv"));
        String key = signalbox.keys("results/acme/" + id + "/").get(0);
        signalbox.s3().copyObject(request -> request.sourceBucket(RunningSignalbox.BUCKET).sourceKey(key)
                .destinationBucket(RunningSignalbox.BUCKET).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).contentType("application/vnd.apache.parquet"));

        HttpResponse<byte[]> download = jobs.getBytes("/v1/jobs/" + id + "/result");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
    }

    @Test
    void aConditionalRequestForTheCopyTheClientHasIs304AndCountsAsNoDownload() {
        String id = succeededJob(sample("prices.csv"));
        String tag = "\"" + jobs.job(id).get("resultSha256").asText() + "\"";

        HttpResponse<byte[]> unchanged = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("If-None-Match", tag).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(tag);
        JobsClient.pause(Duration.ofSeconds(1));
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /** The receipt lists input and result, neither is stored any more, and the result answers 410 saying why. */
    private static void assertThatEverythingIsGoneAndListed(String id, JsonNode receipt, String why) {
        assertThat(JobsClient.texts(receipt.get("deletedKeys"))).containsExactlyInAnyOrder("uploads/acme/" + id + "/input",
                "results/acme/" + id + "/1/result.csv");
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
        assertThat(signalbox.keys("results/acme/" + id + "/")).isEmpty();
        HttpResponse<String> gone = jobs.get("/v1/jobs/" + id + "/result");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json(gone.body()).get("error").asText()).isEqualTo("gone");
        assertThat(gone.body()).contains(why);
    }

    private static String succeededJob(byte[] prices) {
        String id = jobs.uploadAccepted(prices).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        return id;
    }

    private static HttpResponse<byte[]> ranged(String id, String range) {
        return signalbox.send(signalbox.request("/v1/jobs/" + id + "/result").header("Range", range).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A client that reads the headers and the first bytes of the body, then goes away. */
    private static byte[] firstBytesThenCut(int port, String path, int bodyBytes) throws IOException {
        URI uri = signalbox.uri(path);
        try (Socket socket = new Socket(uri.getHost(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                    + RunningSignalbox.API_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase(Locale.ROOT)).contains("content-length:");
            return in.readNBytes(bodyBytes);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in the response's headers: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String reprDigest(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }
}
