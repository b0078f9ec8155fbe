package io.signalbox.routes.webhook;

import io.signalbox.routes.AdvisedRouteTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook routes' routing alone: the timer and the senders' queue are direct endpoints, the receiver a mock
 * endpoint, the outbox a fake. Every claimed event is released whatever its attempt came to, and no failure escapes
 * the routes: the outbox schedules the next attempt. {@link WebhookRoutesTest} posts to a real HTTP receiver.
 */
class WebhookRoutingTest extends AdvisedRouteTest {

    private static final String DISPATCH = "direct:webhooks-dispatch";
    private static final String SEND = "direct:webhooks-send";
    private static final DueWebhook DUE = new DueWebhook(7, "acme");

    private final FakeOutbox outbox = new FakeOutbox();
    private MockEndpoint receiver;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.webhooks.poll-interval-millis", "60000",
                "signalbox.webhooks.max-concurrency", "1");
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new WebhookRoutes(outbox);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        AdviceWith.adviceWith(context, "webhooks-dispatch", a -> {
            a.replaceFromWith(DISPATCH);
            a.weaveByToUri("seda:*").replace().to("mock:senders");
        });
        AdviceWith.adviceWith(context, "webhooks-send", a -> {
            a.replaceFromWith(SEND);
            a.weaveByToUri("rest:*").replace().to("mock:receiver");
        });
        context.start();
        receiver = getMockEndpoint("mock:receiver");
    }

    @Test
    void everyClaimedEventGoesToTheSenders() throws Exception {
        outbox.due = List.of(DUE, new DueWebhook(8, "other"));
        MockEndpoint senders = getMockEndpoint("mock:senders");
        senders.expectedBodiesReceived(DUE, new DueWebhook(8, "other"));

        template.send(DISPATCH, e -> { });

        senders.assertIsSatisfied();
    }

    @Test
    void eventsThatCannotBeClaimedAreOnlyLoggedUntilTheNextPoll() throws Exception {
        outbox.claimFails = true;
        getMockEndpoint("mock:senders").expectedMessageCount(0);

        Exchange exchange = template.send(DISPATCH, e -> { });

        assertThat(exchange.getException()).isNull();
        getMockEndpoint("mock:senders").assertIsSatisfied();
    }

    @Test
    void anAnswerIsRecordedWithItsStatusThenTheEventIsReleased() throws Exception {
        receiver.expectedHeaderReceived(WebhookRoutes.EVENT_ID_HEADER, "evt-7");
        receiver.expectedHeaderReceived(WebhookRoutes.SIGNATURE_HEADER, "t=1,v1=ab");
        receiver.expectedHeaderReceived(Exchange.HTTP_URI, "https://hooks.example.com/acme");
        receiver.whenAnyExchangeReceived(exchange -> exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503));

        Exchange exchange = template.send(SEND, e -> e.getMessage().setBody(DUE));

        assertThat(exchange.getException()).isNull();
        receiver.assertIsSatisfied();
        assertThat(outbox.calls).containsExactly("prepare 7", "answered evt-7 503", "released 7");
    }

    @Test
    void anAttemptWithoutAnswerIsRecordedAsFailedThenTheEventIsReleased() {
        receiver.whenAnyExchangeReceived(exchange -> {
            throw new ConnectException("Connection refused");
        });

        Exchange exchange = template.send(SEND, e -> e.getMessage().setBody(DUE));

        assertThat(exchange.getException()).isNull();
        assertThat(outbox.calls).containsExactly("prepare 7", "failed 7 evt-7 Connection refused", "released 7");
    }

    @Test
    void anEventThatCannotBeSignedIsNeverSentAndStillReleased() throws Exception {
        outbox.prepareFails = true;
        receiver.expectedMessageCount(0);

        Exchange exchange = template.send(SEND, e -> e.getMessage().setBody(DUE));

        assertThat(exchange.getException()).isNull();
        receiver.assertIsSatisfied();
        assertThat(outbox.calls).containsExactly("prepare 7", "failed 7 none no secret for tenant acme",
                "released 7");
    }

    /** The outbox as the webhook routes see it, recording each call. */
    private static final class FakeOutbox implements WebhookOutbox {

        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile List<DueWebhook> due = List.of();
        volatile boolean claimFails;
        volatile boolean prepareFails;

        @Override
        public List<DueWebhook> claimDue() {
            if (claimFails) {
                throw new IllegalStateException("database unavailable");
            }
            return due;
        }

        @Override
        public OutgoingWebhook prepare(DueWebhook due) {
            calls.add("prepare " + due.eventId());
            if (prepareFails) {
                throw new IllegalStateException("no secret for tenant " + due.tenantId());
            }
            return new OutgoingWebhook(due, "https://hooks.example.com/" + due.tenantId(), "evt-" + due.eventId(),
                    "job.succeeded", "t=1,v1=ab", "{}".getBytes(StandardCharsets.UTF_8), 0);
        }

        @Override
        public void answered(OutgoingWebhook sent, int statusCode) {
            calls.add("answered " + sent.eventId() + " " + statusCode);
        }

        @Override
        public void failed(DueWebhook due, OutgoingWebhook sent, Exception error) {
            calls.add("failed " + due.eventId() + " " + (sent == null ? "none" : sent.eventId()) + " "
                    + error.getMessage());
        }

        @Override
        public void released(DueWebhook due) {
            calls.add("released " + due.eventId());
        }
    }
}
