package io.signalbox.app.shutdown;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opentest4j.AssertionFailedError;

/**
 * Stands in for the ECS container agent's task protection endpoint, which exists only inside an ECS task: it
 * answers as the agent does and records each request's method, path and body.
 */
public final class RecordingEcsAgent implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public RecordingEcsAgent() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            byte[] answer = "{\"protection\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The value of {@code ECS_AGENT_URI} that points here. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/task-1";
    }

    public void answer(int status) {
        this.status = status;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    /** Waits until as many requests arrived, and returns them. */
    public List<String> await(int count, Duration timeout) {
        return awaitFrom("", count, timeout);
    }

    /**
     * Waits until as many requests arrived from the first that contains {@code first}, and returns those; requests
     * before it are left out.
     */
    public List<String> awaitFrom(String first, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<String> all = requests();
            int start = 0;
            while (start < all.size() && !all.get(start).contains(first)) {
                start++;
            }
            if (all.size() - start >= count) {
                return all.subList(start, all.size());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("expected " + count + " requests from one with " + first + " within "
                        + timeout + ", got " + all);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
