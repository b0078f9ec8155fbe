package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

class ObjectEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Write events are on the queue before the S3 call returns. */
    private static final Duration WRITE_EVENTS = Duration.ZERO;
    /** A GetObject event follows the response body, so it may arrive a moment after the client has it. */
    private static final Duration READ_EVENTS = Duration.ofSeconds(1);

    @TempDir
    static Path data;

    private static LocalAws aws;
    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        aws = LocalAws.builder()
                .dataDirectory(data)
                .credentials("service-key", "service-secret")
                .bucket("signalbox")
                .queue("events", Duration.ofSeconds(30), 3)
                .queue("downloads", Duration.ofSeconds(30), 3)
                .objectEvents(List.of("uploads/", "inbox/"), "events")
                .getObjectEvents(List.of("outbox/"), "downloads")
                .start();
        s3 = Clients.s3(aws);
        sqs = Clients.sqs(aws);
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        aws.close();
    }

    @BeforeEach
    void emptyQueues() {
        Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
        Clients.drain(sqs, aws.queueUrl("downloads"), Duration.ZERO);
    }

    @Test
    void putPublishesObjectCreatedPutInS3sOwnFormat() throws Exception {
        String key = "uploads/t1/job 1/prices ä.csv";
        PutObjectResponse put = s3.putObject(request -> request.bucket("signalbox").key(key),
                RequestBody.fromString("a,b\n1,2\n"));

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);

        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo("signalbox");
        assertThat(record.path("s3").path("object").path("key").asText())
                .isEqualTo("uploads/t1/job+1/prices+%C3%A4.csv");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(8);
        assertThat("\"" + record.path("s3").path("object").path("eTag").asText() + "\"").isEqualTo(put.eTag());
        assertThat(record.path("s3").path("object").path("sequencer").asText()).matches("[0-9A-F]{18}");

        S3EventNotificationRecord parsed = S3EventNotification.fromJson(events.get(0)).getRecords().get(0);
        assertThat(parsed.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(parsed.getS3().getObject().getUrlDecodedKey()).isEqualTo(key);
        assertThat(parsed.getS3().getObject().getSizeAsLong()).isEqualTo(8L);

        String stored = s3.getObjectAsBytes(request -> request.bucket("signalbox").key(key))
                .asString(StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void multipartUploadPublishesExactlyOneCompleteMultipartUploadEvent() throws Exception {
        String key = "inbox/acme/big.csv";
        byte[] firstPart = new byte[5 * 1024 * 1024];
        byte[] lastPart = "tail".getBytes(StandardCharsets.UTF_8);
        String uploadId = s3.createMultipartUpload(request -> request.bucket("signalbox").key(key)).uploadId();
        String firstETag = s3.uploadPart(request -> request.bucket("signalbox").key(key).uploadId(uploadId)
                .partNumber(1), RequestBody.fromBytes(firstPart)).eTag();
        String lastETag = s3.uploadPart(request -> request.bucket("signalbox").key(key).uploadId(uploadId)
                .partNumber(2), RequestBody.fromBytes(lastPart)).eTag();
        String eTag = s3.completeMultipartUpload(request -> request.bucket("signalbox").key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(
                        CompletedPart.builder().partNumber(1).eTag(firstETag).build(),
                        CompletedPart.builder().partNumber(2).eTag(lastETag).build()))).eTag();

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);

        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo(key);
        assertThat(record.path("s3").path("object").path("size").asLong())
                .isEqualTo(firstPart.length + lastPart.length);
        assertThat("\"" + record.path("s3").path("object").path("eTag").asText() + "\"").isEqualTo(eTag);
        assertThat(s3.listObjectsV2(request -> request.bucket("signalbox").prefix("inbox/acme/")).contents())
                .extracting(object -> object.key())
                .containsExactly(key);
    }

    @Test
    void copyPublishesObjectCreatedCopyForTheDestination() throws Exception {
        s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/source.csv"),
                RequestBody.fromString("x\n"));
        Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);

        s3.copyObject(request -> request.sourceBucket("signalbox").sourceKey("uploads/t1/source.csv")
                .destinationBucket("signalbox").destinationKey("uploads/t1/copy.csv"));

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);
        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Copy");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("uploads/t1/copy.csv");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(2);
    }

    @Test
    void deletePublishesObjectRemovedDeleteOnlyWhenAnObjectWasRemoved() throws Exception {
        s3.putObject(request -> request.bucket("signalbox").key("uploads/t1/gone.csv"), RequestBody.fromString("x"));
        Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);

        s3.deleteObject(request -> request.bucket("signalbox").key("uploads/t1/gone.csv"));
        s3.deleteObject(request -> request.bucket("signalbox").key("uploads/t1/never-there.csv"));

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);
        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectRemoved:Delete");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("uploads/t1/gone.csv");
        assertThat(record.path("s3").path("object").has("size")).isFalse();
    }

    @Test
    void multiObjectDeletePublishesOneEventPerRemovedObject() throws Exception {
        for (String key : List.of("uploads/m/a.csv", "uploads/m/b.csv")) {
            s3.putObject(request -> request.bucket("signalbox").key(key), RequestBody.fromString(key));
        }
        Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);

        s3.deleteObjects(request -> request.bucket("signalbox").delete(delete -> delete.objects(
                ObjectIdentifier.builder().key("uploads/m/a.csv").build(),
                ObjectIdentifier.builder().key("uploads/m/b.csv").build())));

        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(event -> assertThat(JSON.readTree(event).path("Records").path(0)
                .path("eventName").asText()).isEqualTo("ObjectRemoved:Delete"));
    }

    @Test
    void writesOutsideTheConfiguredPrefixesPublishNothing() {
        s3.putObject(request -> request.bucket("signalbox").key("results/t1/out.csv"), RequestBody.fromString("x"));
        s3.putObject(request -> request.bucket("signalbox").key("outbox/acme/out.csv"), RequestBody.fromString("x"));
        s3.deleteObject(request -> request.bucket("signalbox").key("results/t1/out.csv"));

        assertThat(Clients.drain(sqs, aws.queueUrl("events"), WRITE_EVENTS)).isEmpty();
    }

    @Test
    void wholeObjectGetPublishesCloudTrailGetObjectEventAsEventBridgeDeliversIt() throws Exception {
        String key = "outbox/acme/prices 1.result.csv";
        s3.putObject(request -> request.bucket("signalbox").key(key), RequestBody.fromString("0123456789"));

        byte[] body = s3.getObjectAsBytes(request -> request.bucket("signalbox").key(key)).asByteArray();

        List<String> events = Clients.drain(sqs, aws.queueUrl("downloads"), READ_EVENTS);
        assertThat(body).hasSize(10);
        assertThat(events).hasSize(1);
        JsonNode event = JSON.readTree(events.get(0));
        assertThat(event.path("detail-type").asText()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(event.path("source").asText()).isEqualTo("aws.s3");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        JsonNode detail = event.path("detail");
        assertThat(detail.path("eventSource").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(detail.path("eventName").asText()).isEqualTo("GetObject");
        assertThat(detail.path("requestParameters").path("bucketName").asText()).isEqualTo("signalbox");
        assertThat(detail.path("requestParameters").path("key").asText()).isEqualTo(key);
        assertThat(detail.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(detail.path("userIdentity").path("accessKeyId").asText()).isEqualTo("service-key");
        assertThat(detail.path("additionalEventData").path("bytesTransferredOut").asLong()).isEqualTo(10);
        assertThat(detail.path("eventCategory").asText()).isEqualTo("Data");
    }

    @Test
    void everyRangedGetPublishesAGetObjectEventWithTheBytesOfItsRangeButNotTheRange() throws Exception {
        String key = "outbox/acme/ranged.csv";
        s3.putObject(request -> request.bucket("signalbox").key(key), RequestBody.fromString("0123456789"));

        s3.getObjectAsBytes(request -> request.bucket("signalbox").key(key).range("bytes=0-3"));
        s3.getObjectAsBytes(request -> request.bucket("signalbox").key(key).range("bytes=4-"));
        s3.getObjectAsBytes(request -> request.bucket("signalbox").key(key).range("bytes=-1"));
        s3.headObject(request -> request.bucket("signalbox").key(key));

        List<JsonNode> details = new ArrayList<>();
        for (String event : Clients.drain(sqs, aws.queueUrl("downloads"), READ_EVENTS)) {
            details.add(JSON.readTree(event).path("detail"));
        }
        assertThat(details).extracting(detail -> detail.path("additionalEventData").path("bytesTransferredOut")
                .asLong()).containsExactlyInAnyOrder(4L, 6L, 1L);
        assertThat(details).allSatisfy(detail -> {
            assertThat(detail.path("eventName").asText()).isEqualTo("GetObject");
            assertThat(detail.path("requestParameters").path("key").asText()).isEqualTo(key);
            assertThat(detail.path("requestParameters").has("Range")).isFalse();
        });
    }

    @Test
    void asAskedGetObjectEventsNameTheRangeOfARangedGet() throws Exception {
        try (LocalAws withRanges = LocalAws.builder()
                .dataDirectory(data.resolve("with-ranges"))
                .credentials("service-key", "service-secret")
                .bucket("signalbox")
                .queue("downloads", Duration.ofSeconds(30), 3)
                .getObjectEvents(List.of("outbox/"), "downloads")
                .rangeInGetObjectEvents(true)
                .start();
                S3Client client = Clients.s3(withRanges);
                SqsClient queues = Clients.sqs(withRanges)) {
            String key = "outbox/acme/ranged.csv";
            client.putObject(request -> request.bucket("signalbox").key(key), RequestBody.fromString("0123456789"));

            client.getObjectAsBytes(request -> request.bucket("signalbox").key(key).range("bytes=2-5"));
            client.getObjectAsBytes(request -> request.bucket("signalbox").key(key));

            List<JsonNode> parameters = new ArrayList<>();
            for (String event : Clients.drain(queues, withRanges.queueUrl("downloads"), READ_EVENTS)) {
                parameters.add(JSON.readTree(event).path("detail").path("requestParameters"));
            }
            assertThat(parameters).extracting(request -> request.path("Range").asText("none"))
                    .containsExactlyInAnyOrder("bytes=2-5", "none");
        }
    }

    @Test
    void aReadThroughAPresignedUrlIsToldFromTheSignersOwnReadsByItsAuthenticationMethod() throws Exception {
        String key = "outbox/acme/presigned.result.csv";
        s3.putObject(request -> request.bucket("signalbox").key(key).contentType("text/csv"),
                RequestBody.fromString("0123456789"));
        s3.getObjectAsBytes(request -> request.bucket("signalbox").key(key));
        URI url;
        try (S3Presigner presigner = Clients.presigner(aws, "service-key", "service-secret")) {
            url = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
                    .getObjectRequest(get -> get.bucket("signalbox").key(key)
                            .responseContentDisposition("attachment; filename=\"p.result.csv\"")
                            .responseContentType("text/csv; charset=utf-8"))).url().toURI();
        }

        HttpResponse<String> viaUrl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(viaUrl.statusCode()).isEqualTo(200);
        assertThat(viaUrl.body()).isEqualTo("0123456789");
        assertThat(viaUrl.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"p.result.csv\"");
        assertThat(viaUrl.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        List<JsonNode> details = new ArrayList<>();
        for (String event : Clients.drain(sqs, aws.queueUrl("downloads"), READ_EVENTS)) {
            details.add(JSON.readTree(event).path("detail"));
        }
        assertThat(details).extracting(detail -> detail.path("additionalEventData").path("AuthenticationMethod")
                .asText()).containsExactlyInAnyOrder("AuthHeader", "QueryString");
        assertThat(details).allSatisfy(detail -> {
            assertThat(detail.path("userIdentity").path("accessKeyId").asText()).isEqualTo("service-key");
            assertThat(detail.path("additionalEventData").path("bytesTransferredOut").asLong()).isEqualTo(10);
        });
    }

    @Test
    void getOutsideTheConfiguredPrefixesPublishesNothing() {
        s3.putObject(request -> request.bucket("signalbox").key("results/t1/r.csv"), RequestBody.fromString("x"));
        Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);

        s3.getObjectAsBytes(request -> request.bucket("signalbox").key("results/t1/r.csv"));

        assertThat(Clients.drain(sqs, aws.queueUrl("downloads"), READ_EVENTS)).isEmpty();
    }

    @Test
    void multipartCopyFromTheOutboxIsNotReportedAsAGetObject() throws Exception {
        String source = "outbox/acme/copied.csv";
        s3.putObject(request -> request.bucket("signalbox").key(source), RequestBody.fromString("abcdef"));
        String target = "results/t1/copied.csv";
        String uploadId = s3.createMultipartUpload(request -> request.bucket("signalbox").key(target)).uploadId();
        String eTag = s3.uploadPartCopy(request -> request.sourceBucket("signalbox").sourceKey(source)
                .destinationBucket("signalbox").destinationKey(target).uploadId(uploadId).partNumber(1))
                .copyPartResult().eTag();
        s3.completeMultipartUpload(request -> request.bucket("signalbox").key(target).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

        assertThat(s3.getObjectAsBytes(request -> request.bucket("signalbox").key(target))
                .asString(StandardCharsets.UTF_8)).isEqualTo("abcdef");
        assertThat(Clients.drain(sqs, aws.queueUrl("downloads"), READ_EVENTS)).isEmpty();
    }
}
