package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;

class EventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-03-01T12:34:56.007Z");
    private static final S3Identity SERVICE = S3Identity.service("service-key", "service-secret");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "inbox/acme/prices.csv        | inbox/acme/prices.csv",
        "inbox/acme/my prices.csv     | inbox/acme/my+prices.csv",
        "inbox/acme/a+b=c&d.csv       | inbox/acme/a%2Bb%3Dc%26d.csv",
        "inbox/acme/Kurse ä€.csv      | inbox/acme/Kurse+%C3%A4%E2%82%AC.csv",
        "inbox/acme/(1)~x*.csv        | inbox/acme/%281%29%7Ex*.csv",
    })
    void encodesKeysAsS3DoesInEventNotifications(String key, String encoded) {
        assertThat(S3EventNotificationJson.encodeKey(key)).isEqualTo(encoded);
    }

    @Test
    void writesAnObjectCreatedRecordThatTheSdkParserReads() throws Exception {
        var json = new S3EventNotificationJson(JSON, "eu-west-1", SERVICE);
        var event = new ObjectActivity.Created(S3Identity.partner(new LocalAws.PartnerCredentials("acme", "acme-key", "s")),
                "signalbox", "inbox/acme/my prices.csv", TIME, ObjectActivity.Created.Kind.COMPLETE_MULTIPART_UPLOAD,
                20_000_000L, "\"0123456789abcdef0123456789abcdef-3\"", null);

        String text = json.created(event, "local-events", "0000000000000000AB");

        JsonNode record = JSON.readTree(text).path("Records").path(0);
        assertThat(record.path("eventTime").asText()).isEqualTo("2026-03-01T12:34:56.007Z");
        assertThat(record.path("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(record.path("s3").path("object").path("eTag").asText())
                .isEqualTo("0123456789abcdef0123456789abcdef-3");
        assertThat(record.path("s3").path("object").has("versionId")).isFalse();
        S3EventNotificationRecord parsed = S3EventNotification.fromJson(text).getRecords().get(0);
        assertThat(parsed.getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(parsed.getEventSource()).isEqualTo("aws:s3");
        assertThat(parsed.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::signalbox");
        assertThat(parsed.getS3().getObject().getKey()).isEqualTo("inbox/acme/my+prices.csv");
        assertThat(parsed.getS3().getObject().getUrlDecodedKey()).isEqualTo("inbox/acme/my prices.csv");
        assertThat(parsed.getS3().getObject().getSizeAsLong()).isEqualTo(20_000_000L);
        assertThat(parsed.getS3().getObject().getSequencer()).isEqualTo("0000000000000000AB");
        assertThat(parsed.getUserIdentity().getPrincipalId()).startsWith("AWS:AIDA");
    }

    @Test
    void writesAnObjectRemovedRecordWithoutSizeOrETag() throws Exception {
        var json = new S3EventNotificationJson(JSON, "us-east-1", SERVICE);
        var event = new ObjectActivity.Removed(SERVICE, "signalbox", "outbox/acme/r.csv", TIME, false, null);

        JsonNode object = JSON.readTree(json.removed(event, "local-events", "01")).path("Records").path(0)
                .path("s3").path("object");

        assertThat(object.path("key").asText()).isEqualTo("outbox/acme/r.csv");
        assertThat(object.has("size")).isFalse();
        assertThat(object.has("eTag")).isFalse();
    }

    @Test
    void writesTheCloudTrailGetObjectEventWithTheRawKeyAndTheCaller() throws Exception {
        var json = new CloudTrailGetObjectJson(JSON, "us-east-1", false);
        var reader = S3Identity.partner(new LocalAws.PartnerCredentials("acme", "acme-key", "s"));

        JsonNode event = JSON.readTree(json.read(new ObjectActivity.Read(reader, "signalbox",
                "outbox/acme/my prices.result.csv", TIME, null, 1234, AuthenticationMethod.AUTH_HEADER)));

        assertThat(event.path("time").asText()).isEqualTo("2026-03-01T12:34:56Z");
        assertThat(event.path("account").asText()).isEqualTo("000000000000");
        JsonNode detail = event.path("detail");
        assertThat(detail.path("requestParameters").path("key").asText()).isEqualTo("outbox/acme/my prices.result.csv");
        assertThat(detail.path("userIdentity").path("arn").asText())
                .isEqualTo("arn:aws:iam::000000000000:user/partner-acme");
        assertThat(detail.path("userIdentity").path("userName").asText()).isEqualTo("partner-acme");
        assertThat(detail.path("additionalEventData").path("bytesTransferredOut").asDouble()).isEqualTo(1234.0);
        assertThat(detail.path("additionalEventData").path("AuthenticationMethod").asText()).isEqualTo("AuthHeader");
        assertThat(detail.path("resources").path(0).path("ARN").asText())
                .isEqualTo("arn:aws:s3:::signalbox/outbox/acme/my prices.result.csv");
        assertThat(detail.path("readOnly").asBoolean()).isTrue();
        assertThat(detail.path("managementEvent").asBoolean()).isFalse();
    }

    @Test
    void aRangedReadLooksLikeAWholeOneButForItsBytesUnlessAskedToNameTheRange() throws Exception {
        var reader = S3Identity.partner(new LocalAws.PartnerCredentials("acme", "acme-key", "s"));
        var part = new ObjectActivity.Read(reader, "signalbox", "outbox/acme/p.result.csv", TIME, "bytes=8388608-16777215",
                8_388_608, AuthenticationMethod.AUTH_HEADER);

        JsonNode asCloudTrail = JSON.readTree(new CloudTrailGetObjectJson(JSON, "us-east-1", false).read(part))
                .path("detail");
        JsonNode withRange = JSON.readTree(new CloudTrailGetObjectJson(JSON, "us-east-1", true).read(part))
                .path("detail");

        assertThat(asCloudTrail.path("requestParameters").has("Range")).isFalse();
        assertThat(asCloudTrail.path("additionalEventData").path("bytesTransferredOut").asLong()).isEqualTo(8_388_608);
        assertThat(withRange.path("requestParameters").path("Range").asText()).isEqualTo("bytes=8388608-16777215");
        assertThat(asCloudTrail.path("eventID").asText()).isNotBlank();
    }
}
