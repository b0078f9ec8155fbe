package io.signalbox.routes.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.routes.common.MalformedEventException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GetObjectEventReaderTest {

    private final GetObjectEventReader reader = new GetObjectEventReader();

    /** The shape EventBridge delivers for a CloudTrail S3 data event, trimmed of fields the reader ignores. */
    private static String event(String eventName, String requestParameters, String additionalEventData) {
        return """
                {"version":"0","id":"6f1c2b1e-0000-4000-8000-000000000001",
                 "detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"123456789012",
                 "time":"2026-03-01T10:15:30Z","region":"eu-west-1","resources":[],
                 "detail":{"eventVersion":"1.09","eventTime":"2026-03-01T10:15:30Z",
                           "eventSource":"s3.amazonaws.com","eventName":"%s","awsRegion":"eu-west-1",
                           "requestParameters":%s,"responseElements":null,"additionalEventData":%s,
                           "eventID":"c0ffee00-0000-4000-8000-000000000002","readOnly":true,
                           "eventType":"AwsApiCall","managementEvent":false,"eventCategory":"Data"}}
                """.formatted(eventName, requestParameters, additionalEventData);
    }

    @Test
    void readsIdBucketKeyBytesAndTimeOfAGetObject() {
        ObjectRead read = reader.read(event("GetObject",
                "{\"bucketName\":\"signalbox\",\"Host\":\"signalbox.s3.eu-west-1.amazonaws.com\","
                        + "\"key\":\"outbox/acme/2025/prices ä.result.csv\"}",
                "{\"bytesTransferredIn\":0.0,\"bytesTransferredOut\":27597.0}"));

        assertThat(read).isEqualTo(new ObjectRead("c0ffee00-0000-4000-8000-000000000002", "signalbox",
                "outbox/acme/2025/prices ä.result.csv", null, 27_597L, Instant.parse("2026-03-01T10:15:30Z")));
    }

    @Test
    void aReadSignedInItsQueryStringCameThroughAPresignedUrlAndOneSignedInItsHeaderDidNot() {
        String parameters = "{\"bucketName\":\"signalbox\",\"key\":\"results/acme/j/1/result.csv\"}";

        ObjectRead presigned = reader.read(event("GetObject", parameters, "{\"SignatureVersion\":\"SigV4\","
                + "\"AuthenticationMethod\":\"QueryString\",\"bytesTransferredOut\":10.0}"));
        ObjectRead signedHeader = reader.read(event("GetObject", parameters, "{\"SignatureVersion\":\"SigV4\","
                + "\"AuthenticationMethod\":\"AuthHeader\",\"bytesTransferredOut\":10.0}"));
        ObjectRead unsaid = reader.read(event("GetObject", parameters, "{\"bytesTransferredOut\":10.0}"));

        assertThat(presigned.presignedUrl()).isTrue();
        assertThat(presigned.bytesTransferredOut()).isEqualTo(10L);
        assertThat(signedHeader.presignedUrl()).isFalse();
        assertThat(unsaid.presignedUrl()).isFalse();
    }

    @Test
    void takesEventBridgesIdWhenTheCallHasNoEventId() {
        String withoutCallId = event("GetObject", "{\"bucketName\":\"signalbox\",\"key\":\"outbox/acme/p.result.csv\"}",
                "{}").replace("\"eventID\":\"c0ffee00-0000-4000-8000-000000000002\",", "");

        assertThat(reader.read(withoutCallId).eventId()).isEqualTo("6f1c2b1e-0000-4000-8000-000000000001");
    }

    @Test
    void rejectsAGetObjectWithoutAnyIdNamingTheObject() {
        String withoutIds = event("GetObject", "{\"bucketName\":\"signalbox\",\"key\":\"outbox/acme/p.result.csv\"}",
                "{}").replace("\"eventID\":\"c0ffee00-0000-4000-8000-000000000002\",", "")
                .replace("\"id\":\"6f1c2b1e-0000-4000-8000-000000000001\",", "");

        assertThatThrownBy(() -> reader.read(withoutIds))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("GetObject event of s3://signalbox/outbox/acme/p.result.csv has neither detail.eventID"
                        + " nor id");
    }

    @Test
    void readsTheRangeOfARangedGetWhateverTheCaseOfItsName() {
        ObjectRead upper = reader.read(event("GetObject",
                "{\"bucketName\":\"signalbox\",\"key\":\"outbox/acme/p.result.csv\",\"Range\":\"bytes=0-8388607\"}",
                "{}"));
        ObjectRead lower = reader.read(event("GetObject",
                "{\"bucketName\":\"signalbox\",\"key\":\"outbox/acme/p.result.csv\",\"range\":\"bytes=8388608-\"}",
                "{}"));

        assertThat(upper.range()).isEqualTo("bytes=0-8388607");
        assertThat(upper.bytesTransferredOut()).isNull();
        assertThat(lower.range()).isEqualTo("bytes=8388608-");
    }

    @Test
    void ignoresOtherCalls() {
        assertThat(reader.read(event("HeadObject", "{\"bucketName\":\"signalbox\",\"key\":\"outbox/acme/p.csv\"}",
                "{}"))).isNull();
    }

    @Test
    void rejectsAGetObjectWithoutKeyNamingTheEvent() {
        assertThatThrownBy(() -> reader.read(event("GetObject", "{\"bucketName\":\"signalbox\"}", "{}")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("GetObject event c0ffee00-0000-4000-8000-000000000002")
                .hasMessageContaining("names no bucket or key in detail.requestParameters");
    }

    @Test
    void rejectsABodyThatIsNotAnEventBridgeEvent() {
        assertThatThrownBy(() -> reader.read("{\"Records\":[]}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("not an EventBridge event: no \"detail\" object");
        assertThatThrownBy(() -> reader.read("GetObject outbox/acme/p.result.csv"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not JSON: ");
    }
}
