package io.signalbox.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.opentest4j.AssertionFailedError;

/**
 * A webhook receiver in the test JVM, on a free loopback port, that checks every delivery's signature as
 * docs/webhooks.md tells receivers to. What it answers depends on the path: {@code /flaky/...} answers 500 as many
 * times as it was told to and then 204, {@code /slow/...} answers 204 after a second and a half,
 * {@code /trickle/...} (served on a port of its own, by hand) sends its status line and then a header a byte every
 * 100 ms, never finishing its answer until it is let go; anything else answers 204.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ServerSocket trickler;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> secrets;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Set<String> letGo = ConcurrentHashMap.newKeySet();

    /**
     * @param secrets per tenant (the first path segment after the behaviour), the webhook secret
     */
    WebhookReceiver(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        try {
            trickler = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptTricklingConnections);
    }

    /**
     * @param behaviour {@code ok}, {@code flaky}, {@code slow} or {@code drip}
     * @param tenant whose secret signs what arrives here
     * @param name anything that tells this URL apart
     * @return the URL
     */
    String url(String behaviour, String tenant, String name) {
        int port = behaviour.equals("trickle") ? trickler.getLocalPort() : server.getAddress().getPort();
        return "http://127.0.0.1:" + port + "/" + behaviour + "/" + tenant + "/" + name;
    }

    /** Makes {@code /flaky/...} answer 500 to the first deliveries of one event type, then 204. */
    void failFirst(String url, String event, int times) {
        failuresLeft.put(java.net.URI.create(url).getPath() + " " + event, new AtomicInteger(times));
    }

    void letGo(String url) {
        letGo.add(java.net.URI.create(url).getPath());
    }

    List<Delivery> deliveries(Predicate<Delivery> which) {
        return deliveries.stream().filter(which).toList();
    }

    /** Waits until a delivery that matches has arrived, polling. */
    Delivery await(Predicate<Delivery> which, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Delivery delivery : deliveries) {
                if (which.test(delivery)) {
                    return delivery;
                }
            }
            JobsClient.pause(Duration.ofMillis(50));
        }
        throw new AssertionFailedError("no " + what + " arrived within " + timeout + "; arrived: " + deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] segments = path.split("/");
            String tenant = segments.length > 2 ? segments[2] : "";
            String signature = exchange.getRequestHeaders().getFirst("Signalbox-Signature");
            Delivery delivery = new Delivery(path, exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Signalbox-Event"),
                    exchange.getRequestHeaders().getFirst("Signalbox-Event-Id"), signature,
                    verify(secrets.get(tenant), signature, body), new String(body, StandardCharsets.UTF_8), Instant.now());
            deliveries.add(delivery);
            switch (segments.length > 1 ? segments[1] : "") {
                case "flaky" -> {
                    AtomicInteger left = failuresLeft.get(path + " " + delivery.event());
                    exchange.sendResponseHeaders(left != null && left.getAndDecrement() > 0 ? 500 : 204, -1);
                }
                case "slow" -> {
                    JobsClient.pause(Duration.ofMillis(1500));
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private void acceptTricklingConnections() {
        while (!trickler.isClosed()) {
            try {
                Socket connection = trickler.accept();
                threads.execute(() -> trickle(connection));
            } catch (IOException | RuntimeException e) {
                return;
            }
        }
    }

    /**
     * Reads one request and answers it a byte at a time: every byte keeps a read timeout from firing, so only a
     * deadline on the whole attempt ends it. Let go, it finishes the answer with 204.
     */
    private void trickle(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            Map<String, String> headers = new java.util.HashMap<>();
            String requestLine = line(in);
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            String path = java.net.URI.create(requestLine.split(" ")[1]).getPath();
            String[] segments = path.split("/");
            String signature = headers.get("signalbox-signature");
            deliveries.add(new Delivery(path, requestLine.split(" ")[0], headers.get("content-type"),
                    headers.get("signalbox-event"), headers.get("signalbox-event-id"), signature,
                    verify(secrets.get(segments.length > 2 ? segments[2] : ""), signature, body),
                    new String(body, StandardCharsets.UTF_8), Instant.now()));
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 204 No Content\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII));
            while (!letGo.contains(path)) {
                out.write('.');
                out.flush();
                JobsClient.pause(Duration.ofMillis(100));
            }
            out.write("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // cut off by the sender, or the receiver is closing
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * Checks a signature as a receiver should: the time is recent, and the HMAC-SHA256 of "t.body" with the
     * tenant's secret matches in constant time.
     */
    static boolean verify(String secret, String header, byte[] body) {
        if (secret == null || header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > SIGNATURE_TOLERANCE.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (NoSuchAlgorithmException | InvalidKeyException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            trickler.close();
        } catch (IOException e) {
            // closing anyway
        }
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * @param path the path it was sent to
     * @param method the HTTP method
     * @param contentType its Content-Type
     * @param event its {@code Signalbox-Event}
     * @param eventId its {@code Signalbox-Event-Id}
     * @param signature its {@code Signalbox-Signature}
     * @param signatureValid whether the signature checked out with the tenant's secret
     * @param body its body
     * @param at when it arrived
     */
    record Delivery(String path, String method, String contentType, String event, String eventId, String signature,
            boolean signatureValid, String body, Instant at) {
    }
}
