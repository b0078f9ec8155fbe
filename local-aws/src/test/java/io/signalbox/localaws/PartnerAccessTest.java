package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

class PartnerAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "signalbox";

    @TempDir
    static Path data;

    private static LocalAws aws;
    private static S3Client service;
    private static S3Client acme;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        aws = LocalAws.builder()
                .dataDirectory(data)
                .credentials("service-key", "service-secret")
                .bucket(BUCKET)
                .queue("events", Duration.ofSeconds(30), 3)
                .queue("downloads", Duration.ofSeconds(30), 3)
                .objectEvents(List.of("inbox/"), "events")
                .getObjectEvents(List.of("outbox/"), "downloads")
                .partner("acme", "acme-key", "acme-secret")
                .partner("globex", "globex-key", "globex-secret")
                .start();
        service = Clients.s3(aws);
        acme = Clients.s3(aws, "acme-key", "acme-secret");
        sqs = Clients.sqs(aws);
        service.putObject(request -> request.bucket(BUCKET).key("inbox/globex/theirs.csv"), RequestBody.fromString("g"));
        service.putObject(request -> request.bucket(BUCKET).key("uploads/t1/job/file.csv"), RequestBody.fromString("u"));
    }

    @AfterAll
    static void stop() {
        service.close();
        acme.close();
        sqs.close();
        aws.close();
    }

    @BeforeEach
    void emptyQueues() {
        Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
        Clients.drain(sqs, aws.queueUrl("downloads"), Duration.ZERO);
    }

    @Test
    void partnerWritesListsAndReadsItsOwnInbox() throws Exception {
        acme.putObject(request -> request.bucket(BUCKET).key("inbox/acme/prices.csv"), RequestBody.fromString("p"));

        List<S3Object> listed = acme.listObjectsV2(request -> request.bucket(BUCKET).prefix("inbox/acme/")).contents();
        String read = acme.getObjectAsBytes(request -> request.bucket(BUCKET).key("inbox/acme/prices.csv"))
                .asString(StandardCharsets.UTF_8);

        assertThat(listed).extracting(S3Object::key).contains("inbox/acme/prices.csv");
        assertThat(read).isEqualTo("p");
        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("userIdentity").path("principalId").asText())
                .isEqualTo("AWS:" + S3Identity.partner(new LocalAws.PartnerCredentials("acme", "acme-key", "x")).principalId());
    }

    @Test
    void partnerReadsListsAndDeletesItsOwnOutbox() throws Exception {
        service.putObject(request -> request.bucket(BUCKET).key("outbox/acme/prices.result.csv"),
                RequestBody.fromString("result"));

        List<S3Object> listed = acme.listObjectsV2(request -> request.bucket(BUCKET).prefix("outbox/acme/"))
                .contents();
        String read = acme.getObjectAsBytes(request -> request.bucket(BUCKET).key("outbox/acme/prices.result.csv"))
                .asString(StandardCharsets.UTF_8);
        acme.deleteObject(request -> request.bucket(BUCKET).key("outbox/acme/prices.result.csv"));

        assertThat(listed).extracting(S3Object::key).containsExactly("outbox/acme/prices.result.csv");
        assertThat(read).isEqualTo("result");
        assertThat(service.listObjectsV2(request -> request.bucket(BUCKET).prefix("outbox/acme/")).contents())
                .isEmpty();
        List<String> downloads = Clients.drain(sqs, aws.queueUrl("downloads"), Duration.ofSeconds(1));
        assertThat(downloads).hasSize(1);
        assertThat(JSON.readTree(downloads.get(0)).path("detail").path("userIdentity").path("accessKeyId").asText())
                .isEqualTo("acme-key");
    }

    @Test
    void partnerIsDeniedOutsideItsPrefixes() {
        assertDenied("s3:PutObject", () -> acme.putObject(
                request -> request.bucket(BUCKET).key("outbox/acme/forged.result.csv"), RequestBody.fromString("x")));
        assertDenied("s3:PutObject", () -> acme.putObject(
                request -> request.bucket(BUCKET).key("inbox/globex/planted.csv"), RequestBody.fromString("x")));
        assertDenied("s3:PutObject", () -> acme.putObject(
                request -> request.bucket(BUCKET).key("inbox/globex/large.csv"), RequestBody.fromBytes(new byte[1 << 20])));
        assertDenied("s3:GetObject", () -> acme.getObjectAsBytes(
                request -> request.bucket(BUCKET).key("inbox/globex/theirs.csv")));
        assertDenied("s3:GetObject", () -> acme.getObjectAsBytes(
                request -> request.bucket(BUCKET).key("uploads/t1/job/file.csv")));
        assertDenied("s3:DeleteObject", () -> acme.deleteObject(
                request -> request.bucket(BUCKET).key("inbox/globex/theirs.csv")));
        assertDenied("s3:ListBucket", () -> acme.listObjectsV2(request -> request.bucket(BUCKET).prefix("inbox/globex/")));
        assertDenied("s3:ListBucket", () -> acme.listObjectsV2(request -> request.bucket(BUCKET)));
        assertDenied("s3:ListAllMyBuckets", acme::listBuckets);
        assertDenied("s3:CreateBucket", () -> acme.createBucket(request -> request.bucket("another")));
        assertDenied("s3:GetObject", () -> acme.copyObject(request -> request.sourceBucket(BUCKET)
                .sourceKey("inbox/globex/theirs.csv").destinationBucket(BUCKET).destinationKey("inbox/acme/stolen.csv")));

        assertThat(service.getObjectAsBytes(request -> request.bucket(BUCKET).key("inbox/globex/theirs.csv"))
                .asString(StandardCharsets.UTF_8)).isEqualTo("g");
        assertThat(service.listObjectsV2(request -> request.bucket(BUCKET).prefix("outbox/acme/")).contents())
                .isEmpty();
    }

    @Test
    void partnerMayNotDeleteFromItsInbox() {
        acme.putObject(request -> request.bucket(BUCKET).key("inbox/acme/keep.csv"), RequestBody.fromString("k"));

        assertDenied("s3:DeleteObject", () -> acme.deleteObject(request -> request.bucket(BUCKET)
                .key("inbox/acme/keep.csv")));
    }

    @Test
    void partnerCannotLeaveItsPrefixWithDotSegments() {
        assertThatThrownBy(() -> acme.putObject(request -> request.bucket(BUCKET).key("inbox/acme/../globex/x.csv"),
                RequestBody.fromString("x")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isIn(400, 403));

        assertThat(service.listObjectsV2(request -> request.bucket(BUCKET).prefix("inbox/globex/")).contents())
                .extracting(S3Object::key)
                .containsExactly("inbox/globex/theirs.csv");
    }

    @Test
    void partnerMultipartUploadIntoItsInboxWorksAndPublishesOneEvent() throws Exception {
        String key = "inbox/acme/big.csv";
        byte[] part = new byte[5 * 1024 * 1024];
        String uploadId = acme.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
        String first = acme.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        String second = acme.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromString("end")).eTag();
        acme.completeMultipartUpload(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(first).build(),
                        CompletedPart.builder().partNumber(2).eTag(second).build())));

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
        assertThat(events).hasSize(1);
        JsonNode object = JSON.readTree(events.get(0)).path("Records").path(0).path("s3").path("object");
        assertThat(object.path("key").asText()).isEqualTo(key);
        assertThat(object.path("size").asLong()).isEqualTo(part.length + 3L);
    }

    @Test
    void wrongSecretAndUnknownAccessKeyAreRejected() {
        try (S3Client wrongSecret = Clients.s3(aws, "acme-key", "not-the-secret");
                S3Client unknown = Clients.s3(aws, "nobody-key", "nobody-secret")) {
            assertThatThrownBy(() -> wrongSecret.getObjectAsBytes(request -> request.bucket(BUCKET)
                    .key("inbox/acme/prices.csv")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> {
                        assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
                        assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
            assertThatThrownBy(() -> unknown.listObjectsV2(request -> request.bucket(BUCKET).prefix("inbox/acme/")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> {
                        assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
                        assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
        }
    }

    @Test
    void presignedPutAndGetWorkAndAreConfinedLikeTheirSigner() throws Exception {
        try (S3Presigner presigner = Clients.presigner(aws, "acme-key", "acme-secret")) {
            URL put = presigner.presignPutObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(object -> object.bucket(BUCKET).key("inbox/acme/presigned.csv")
                            .contentType("text/csv"))).url();
            URL forbidden = presigner.presignPutObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(object -> object.bucket(BUCKET).key("inbox/globex/presigned.csv")
                            .contentType("text/csv"))).url();
            URL get = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(object -> object.bucket(BUCKET).key("inbox/acme/presigned.csv"))).url();

            assertThat(send("PUT", put, "text/csv", "a,b\n")).isEqualTo(200);
            assertThat(send("PUT", forbidden, "text/csv", "a,b\n")).isEqualTo(403);
            HttpURLConnection connection = (HttpURLConnection) get.openConnection();
            try (InputStream in = connection.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
            }
        }
    }

    private static int send(String method, URL url, String contentType, String body) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod(method);
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", contentType);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        connection.disconnect();
        return status;
    }

    private static void assertDenied(String action, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> {
                    S3Exception s3 = (S3Exception) e;
                    assertThat(s3.statusCode()).isEqualTo(403);
                    assertThat(s3.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(s3.awsErrorDetails().errorMessage())
                            .contains("user/partner-acme is not authorized to perform: " + action);
                });
    }
}
