package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a client holding only presigned URLs does against the S3 server: PUT the parts of a multipart upload the
 * service started, from a browser page as well, with or without a SHA-256 of each part.
 */
class PresignedUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "signalbox";
    private static final String PAGE = "http://localhost:8080";
    private static final int PART = 5 * 1024 * 1024;

    @TempDir
    static Path data;

    private static LocalAws aws;
    private static S3Client s3;
    private static SqsClient sqs;
    private static S3Presigner presigner;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        aws = LocalAws.builder()
                .dataDirectory(data)
                .credentials("service-key", "service-secret")
                .bucket(BUCKET)
                .queue("events", Duration.ofSeconds(30), 3)
                .objectEvents(List.of("uploads/"), "events")
                .corsOrigins(List.of(PAGE))
                .start();
        s3 = Clients.s3(aws);
        sqs = Clients.sqs(aws);
        presigner = Clients.presigner(aws, aws.accessKey(), aws.secretKey());
    }

    @AfterAll
    static void stop() {
        presigner.close();
        s3.close();
        sqs.close();
        aws.close();
    }

    @BeforeEach
    void emptyQueue() {
        Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
    }

    @Test
    void partsPutToPresignedUrlsAnswerTheirETagAndCompleteIntoOneEvent() throws Exception {
        String key = "uploads/acme/job-1/input";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
        byte[] first = bytes(PART, 1);
        byte[] last = "the last part".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> firstPut = put(partUrl(key, uploadId, 1, null), first);
        HttpResponse<String> lastPut = put(partUrl(key, uploadId, 2, null), last);

        assertThat(firstPut.statusCode()).isEqualTo(200);
        assertThat(lastPut.statusCode()).isEqualTo(200);
        String firstETag = firstPut.headers().firstValue("ETag").orElseThrow();
        assertThat(firstETag).isEqualTo("\"" + hex(MessageDigest.getInstance("MD5").digest(first)) + "\"");
        List<Part> listed = s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts();
        assertThat(listed).extracting(Part::partNumber, Part::eTag, Part::size).containsExactly(
                tuple(1, firstETag, (long) first.length),
                tuple(2, lastPut.headers().firstValue("ETag").orElseThrow(),
                        (long) last.length));

        s3.completeMultipartUpload(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(listed.stream()
                        .map(part -> CompletedPart.builder()
                                .partNumber(part.partNumber()).eTag(part.eTag()).build())
                        .toList())));

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo(key);
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(first.length + last.length);
    }

    @Test
    void aPartCutOffMidBodyIsNotStored() throws Exception {
        String key = "uploads/acme/job-2/input";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
        URL url = partUrl(key, uploadId, 1, null);

        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + url.getFile() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Length: " + PART + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes(PART / 2, 3));
            out.flush();
        }

        assertThat(s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts()).isEmpty();
        assertThat(put(url, bytes(PART, 3)).statusCode()).isEqualTo(200);
        assertThat(s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts())
                .extracting(Part::size).containsExactly((long) PART);
    }

    @Test
    void aPartSignedWithItsSha256IsStoredOnlyWhenTheBytesMatchIt() throws Exception {
        String key = "uploads/acme/job-3/input";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        byte[] part = bytes(PART, 5);
        String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(part));
        URL url = partUrl(key, uploadId, 1, sha256);
        byte[] damaged = part.clone();
        damaged[1000] ^= 1;

        // Refused before the body is read; a short body is sent whole before the answer comes, a long one might not be.
        HttpResponse<String> withoutHeader = put(url, Arrays.copyOf(part, 1024));
        HttpResponse<String> corrupted = put(url, damaged, "x-amz-checksum-sha256", sha256);
        HttpResponse<String> intact = put(url, part, "x-amz-checksum-sha256", sha256);

        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(corrupted.statusCode()).isEqualTo(400);
        assertThat(corrupted.body()).contains("BadDigest");
        assertThat(intact.statusCode()).isEqualTo(200);
        String eTag = intact.headers().firstValue("ETag").orElseThrow();
        s3.completeMultipartUpload(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder()
                        .partNumber(1).eTag(eTag).checksumSHA256(sha256).build())));
        assertThat(s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(part);
    }

    @Test
    void anAbortedOrCompletedUploadTakesNoMorePartsAndListsAsGone() throws Exception {
        String aborted = "uploads/acme/job-6/input";
        String abortedId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(aborted)).uploadId();
        URL lateToAborted = partUrl(aborted, abortedId, 2, null);
        assertThat(put(partUrl(aborted, abortedId, 1, null), bytes(PART, 1)).statusCode()).isEqualTo(200);
        String completed = "uploads/acme/job-7/input";
        String completedId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(completed)).uploadId();
        String eTag = put(partUrl(completed, completedId, 1, null), bytes(1024, 2)).headers().firstValue("ETag")
                .orElseThrow();
        URL lateToCompleted = partUrl(completed, completedId, 2, null);

        s3.abortMultipartUpload(request -> request.bucket(BUCKET).key(aborted).uploadId(abortedId));
        s3.completeMultipartUpload(request -> request.bucket(BUCKET).key(completed).uploadId(completedId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

        HttpResponse<String> afterAbort = put(lateToAborted, bytes(1024, 3));
        HttpResponse<String> afterCompletion = put(lateToCompleted, bytes(1024, 4));
        assertThat(afterAbort.statusCode()).isEqualTo(404);
        assertThat(afterAbort.body()).contains("<Code>NoSuchUpload</Code>");
        assertThat(afterCompletion.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> s3.listParts(request -> request.bucket(BUCKET).key(aborted).uploadId(abortedId)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(completed)).asByteArray())
                .isEqualTo(bytes(1024, 2));
    }

    @Test
    void aUrlSignedForASizeTakesOnlyABodyOfThatSize() throws Exception {
        String key = "uploads/acme/job-8/input";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
        URL url = presigner.presignUploadPart(request -> request.signatureDuration(Duration.ofMinutes(5))
                .uploadPartRequest(part -> part.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1)
                        .contentLength(2048L))).url();

        HttpResponse<String> larger = put(url, bytes(4096, 1));
        HttpResponse<String> exact = put(url, bytes(2048, 1));

        assertThat(larger.statusCode()).isEqualTo(403);
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts())
                .extracting(Part::size).containsExactly(2048L);
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        String key = "uploads/acme/job-4/input";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
        URL url = presigner.presignUploadPart(request -> request.signatureDuration(Duration.ofSeconds(1))
                .uploadPartRequest(part -> part.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1))).url();
        Thread.sleep(2_100);

        HttpResponse<String> late = put(url, bytes(1024, 7));

        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts()).isEmpty();
    }

    @Test
    void aPageOfTheAllowedOriginMayPutPartsAndReadTheirETag() throws Exception {
        String key = "uploads/acme/job-5/input";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
        URL url = partUrl(key, uploadId, 1, null);

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(url.toURI())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type,x-amz-checksum-sha256")
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherOrigin = HTTP.send(HttpRequest.newBuilder(url.toURI())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "PUT")
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> put = put(url, bytes(1024, 9), "Origin", PAGE);

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("x-amz-checksum-sha256");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(put.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("ETag");
    }

    @Test
    void refusesAnOriginWithAPath() {
        var builder = LocalAws.builder();
        assertThatThrownBy(() -> builder.corsOrigins(List.of("http://localhost:8080/page")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://localhost:8080/page");
    }

    private static URL partUrl(String key, String uploadId, int partNumber, String sha256) {
        PresignedUploadPartRequest presigned = presigner.presignUploadPart(request -> request
                .signatureDuration(Duration.ofMinutes(5))
                .uploadPartRequest(part -> part.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber)
                        .checksumSHA256(sha256)));
        return presigned.url();
    }

    private static HttpResponse<String> put(URL url, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.toURI()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seed);
        for (int i = 0; i < length; i += 4096) {
            bytes[i] = (byte) (i / 4096 + seed);
        }
        return bytes;
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
