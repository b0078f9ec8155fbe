package io.signalbox.routes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectEventReaderTest {

    private final ObjectEventReader reader = new ObjectEventReader();

    @Test
    void readsS3sEventJsonWithTheKeyUrlDecoded() {
        String json = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
                "eventTime":"2026-11-22T10:00:00.000Z","eventName":"ObjectCreated:CompleteMultipartUpload",
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"signalbox","arn":"arn:aws:s3:::signalbox"},
                "object":{"key":"inbox/acme/daily+prices%282%29.csv","size":20971520,"eTag":"abc-3",
                "versionId":"v1","sequencer":"0055AED6DCD90281E5"}}}]}""";

        assertThat(reader.read(json)).containsExactly(new ObjectEvent("ObjectCreated:CompleteMultipartUpload",
                "signalbox", "inbox/acme/daily prices(2).csv", 20_971_520, "abc-3", "v1", "0055AED6DCD90281E5",
                java.time.Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(reader.read(json).get(0).created()).isTrue();
    }

    @Test
    void readsARemovalWithoutSize() {
        String json = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
                "s3":{"bucket":{"name":"signalbox"},"object":{"key":"outbox/acme/a.result.csv","sequencer":"01"}}}]}""";
        ObjectEvent event = reader.read(json).get(0);
        assertThat(event.removed()).isTrue();
        assertThat(event.size()).isZero();
    }

    @Test
    void readsS3sTestEventAsNoRecords() {
        assertThat(reader.read("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-22T10:00:00.000Z","Bucket":"signalbox"}"""))
                .isEmpty();
    }

    @Test
    void rejectsAMessageThatIsNotJson() {
        assertThatThrownBy(() -> reader.read("job 42 is ready"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not an S3 event notification");
    }
}
