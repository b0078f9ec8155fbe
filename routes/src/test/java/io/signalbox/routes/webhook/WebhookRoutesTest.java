package io.signalbox.routes.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook routes on their own: a real HTTP receiver in this JVM, the outbox played by the test. */
class WebhookRoutesTest {

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<HttpExchange, Integer> answer = exchange -> 204;
    private CamelContext camel;
    private final RecordingOutbox outbox = new RecordingOutbox();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            int status = answer.apply(exchange);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();

        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("signalbox.webhooks.poll-interval-millis", "50");
        properties.setProperty("signalbox.webhooks.max-concurrency", "2");
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.addRoutes(new WebhookRoutes(outbox));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        receiver.stop(0);
    }

    @Test
    void postsTheSignedPayloadToTheAttemptsUrlWithItsQueryAndNoInternalHeaders() {
        String url = base() + "/hooks/acme?token=s3cr%2Ft&x=1";
        byte[] payload = "{\"id\":\"e-1\",\"type\":\"job.succeeded\",\"text\":\"zürich\"}".getBytes(StandardCharsets.UTF_8);
        outbox.offer(new DueWebhook(1, "acme"), due -> attempt(due, url, payload));

        await(() -> outbox.released.size() == 1);

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getRawPath()).isEqualTo("/hooks/acme");
        assertThat(request.uri().getRawQuery()).isEqualTo("token=s3cr%2Ft&x=1");
        assertThat(request.body()).isEqualTo(payload);
        assertThat(request.header("Signalbox-Signature")).isEqualTo("t=1700000000,v1=abc");
        assertThat(request.header("Signalbox-Event")).isEqualTo("job.succeeded");
        assertThat(request.header("Signalbox-Event-Id")).isEqualTo("e-1");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("User-Agent")).isEqualTo(WebhookRoutes.USER_AGENT);
        assertThat(request.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("camel")
                || name.toLowerCase().startsWith("signalboxwebhook") || name.equalsIgnoreCase("firedTime"));
        assertThat(outbox.answers).containsExactly(204);
        assertThat(outbox.failures).isEmpty();
    }

    @Test
    void recordsAnErrorStatusAsAnAnswerNotAsAFailure() {
        answer = exchange -> 503;
        outbox.offer(new DueWebhook(2, "acme"), due -> attempt(due, base() + "/hook", new byte[] {'{', '}'}));

        await(() -> outbox.released.size() == 1);

        assertThat(outbox.answers).containsExactly(503);
        assertThat(outbox.failures).isEmpty();
    }

    @Test
    void doesNotFollowARedirect() {
        answer = exchange -> {
            if (exchange.getRequestURI().getPath().equals("/hook")) {
                exchange.getResponseHeaders().add("Location", base() + "/elsewhere");
                return 307;
            }
            return 204;
        };
        outbox.offer(new DueWebhook(3, "acme"), due -> attempt(due, base() + "/hook", new byte[] {'{', '}'}));

        await(() -> outbox.released.size() == 1);

        assertThat(outbox.answers).containsExactly(307);
        assertThat(received).extracting(r -> r.uri().getPath()).containsExactly("/hook");
    }

    @Test
    void recordsAnUnreachableReceiverAsFailedAndStillReleasesTheClaim() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        outbox.offer(new DueWebhook(4, "acme"),
                due -> attempt(due, "http://127.0.0.1:" + closedPort + "/hook", new byte[] {'{', '}'}));

        await(() -> outbox.released.size() == 1);

        assertThat(outbox.answers).isEmpty();
        assertThat(outbox.failures).hasSize(1);
        assertThat(outbox.failures.peek().sent()).isNotNull();
        assertThat(outbox.failures.peek().error()).isInstanceOf(IOException.class);
        assertThat(outbox.released).containsExactly(new DueWebhook(4, "acme"));
    }

    @Test
    void recordsAnAttemptThatCouldNotBePreparedAsFailedWithoutSendingAnything() {
        outbox.offer(new DueWebhook(5, "acme"), due -> {
            throw new IllegalStateException("no secret");
        });

        await(() -> outbox.released.size() == 1);

        assertThat(received).isEmpty();
        assertThat(outbox.failures).hasSize(1);
        assertThat(outbox.failures.peek().sent()).isNull();
        assertThat(outbox.failures.peek().error()).hasMessage("no secret");
    }

    private String base() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    private static OutgoingWebhook attempt(DueWebhook due, String url, byte[] payload) {
        return new OutgoingWebhook(due, url, "e-" + due.eventId(), "job.succeeded", "t=1700000000,v1=abc", payload,
                System.nanoTime());
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> String.join(",", entry.getValue())).findFirst().orElse(null);
        }
    }

    private record Failure(DueWebhook due, OutgoingWebhook sent, Exception error) {
    }

    /** Hands out each offered event once and records what the routes report. */
    private static final class RecordingOutbox implements WebhookOutbox {

        private final ConcurrentLinkedQueue<DueWebhook> due = new ConcurrentLinkedQueue<>();
        private final Map<Long, Function<DueWebhook, OutgoingWebhook>> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        final List<Integer> answers = new CopyOnWriteArrayList<>();
        final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        final List<DueWebhook> released = new CopyOnWriteArrayList<>();

        void offer(DueWebhook event, Function<DueWebhook, OutgoingWebhook> attempt) {
            attempts.put(event.eventId(), attempt);
            due.add(event);
        }

        @Override
        public List<DueWebhook> claimDue() {
            DueWebhook next = due.poll();
            return next == null ? List.of() : List.of(next);
        }

        @Override
        public OutgoingWebhook prepare(DueWebhook event) {
            return attempts.get(event.eventId()).apply(event);
        }

        @Override
        public void answered(OutgoingWebhook sent, int statusCode) {
            answers.add(statusCode);
        }

        @Override
        public void failed(DueWebhook event, OutgoingWebhook sent, Exception error) {
            failures.add(new Failure(event, sent, error));
        }

        @Override
        public void released(DueWebhook event) {
            released.add(event);
        }
    }
}
