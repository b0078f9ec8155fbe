package io.signalbox.routes.cleanup;

import io.signalbox.routes.AdvisedRouteTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.routes.common.ErrorHandling;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pickup route's routing alone: the downloads queue is a direct endpoint, the job store a fake. A partner's
 * read is recorded, another call is dropped, and a read that cannot be recorded stays on its queue.
 */
class PickupRoutesTest extends AdvisedRouteTest {

    private static final String DOWNLOADS = "direct:downloads";

    private final List<ObjectRead> recorded = new CopyOnWriteArrayList<>();
    private final List<ObjectRead> presigned = new CopyOnWriteArrayList<>();
    private final List<String> transientFailures = new CopyOnWriteArrayList<>();
    private volatile boolean storeDown;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.storage.region", "us-east-1",
                "signalbox.queues.account-id", "000000000000",
                "signalbox.queues.downloads", "signalbox-downloads",
                "signalbox.queues.wait-time-seconds", "1");
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        ResultPickups pickups = read -> {
            if (storeDown) {
                throw new IllegalStateException("database unavailable");
            }
            recorded.add(read);
        };
        return new RoutesBuilder[] {
            new ErrorHandling((jobId, cause) -> transientFailures.add(cause.getMessage())),
            new PickupRoutes(new GetObjectEventReader(), pickups, presigned::add)};
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        AdviceWith.adviceWith(context, "cleanup-pickup", a -> a.replaceFromWith(DOWNLOADS));
        context.start();
    }

    @Test
    void aPartnersReadIsRecordedAndAnyOtherCallDropped() {
        assertThat(deliver(event("GetObject")).getException()).isNull();
        assertThat(deliver(event("HeadObject")).getException()).isNull();

        assertThat(recorded).extracting(ObjectRead::key).containsExactly("outbox/acme/prices.result.csv");
        assertThat(presigned).as("no read of results/").isEmpty();
    }

    @Test
    void aReadThatCannotBeRecordedStaysOnItsQueue() {
        storeDown = true;

        assertThat(deliver(event("GetObject")).getException()).hasMessage("database unavailable");
        assertThat(transientFailures).containsExactly("database unavailable");
    }

    private Exchange deliver(String body) {
        return template.send(DOWNLOADS, e -> e.getMessage().setBody(body));
    }

    /** A CloudTrail S3 data event as EventBridge delivers it, trimmed to what the reader reads. */
    private static String event(String eventName) {
        return """
                {"version":"0","id":"6f1c2b1e-0000-4000-8000-000000000001","time":"2026-03-01T10:15:30Z",
                 "detail":{"eventSource":"s3.amazonaws.com","eventName":"%s","eventTime":"2026-03-01T10:15:30Z",
                           "eventID":"c0ffee00-0000-4000-8000-000000000002",
                           "requestParameters":{"bucketName":"signalbox","key":"outbox/acme/prices.result.csv"},
                           "additionalEventData":{"bytesTransferredOut":27597.0}}}
                """.formatted(eventName);
    }
}
