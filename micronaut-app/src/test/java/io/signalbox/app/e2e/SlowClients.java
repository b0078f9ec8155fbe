package io.signalbox.app.e2e;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Clients that start uploads and then send one byte at a time, each on a connection of its own, for as long as the
 * server lets them: the greedy or unlucky senders that must not starve anyone else. One thread trickles for all.
 */
final class SlowClients implements AutoCloseable {

    private final List<RawHttp> connections = new CopyOnWriteArrayList<>();
    private final Map<RawHttp, RawHttp.Response> answers = new ConcurrentHashMap<>();
    private final Thread trickle;
    private volatile boolean closed;

    /**
     * @param base the application
     * @param apiKey whose uploads they are
     * @param count how many
     * @param declaredBytes the Content-Length each declares
     * @param every how often each sends its next byte
     */
    SlowClients(URI base, String apiKey, int count, long declaredBytes, Duration every) {
        for (int i = 0; i < count; i++) {
            RawHttp connection = new RawHttp(base, Duration.ofSeconds(30));
            connection.head("POST", "/v1/jobs?name=slow-" + i + ".csv", Map.of("Authorization", "Bearer " + apiKey,
                    "Content-Type", "text/csv", "Content-Length", Long.toString(declaredBytes)));
            connections.add(connection);
        }
        trickle = new Thread(() -> {
            byte[] one = "1".getBytes(StandardCharsets.US_ASCII);
            while (!closed) {
                for (RawHttp connection : connections) {
                    if (!answers.containsKey(connection)) {
                        connection.tryWrite(one);
                    }
                }
                collectAnswers();
                JobsClient.pause(every);
            }
        }, "slow-clients");
        trickle.setDaemon(true);
        trickle.start();
    }

    private void collectAnswers() {
        for (RawHttp connection : connections) {
            if (!answers.containsKey(connection) && connection.answered()) {
                answers.put(connection, connection.response());
            }
        }
    }

    /**
     * @param count how many answers to wait for
     * @param within how long to wait at most
     * @return the answers received so far, once there are at least {@code count} or the time is up
     */
    List<RawHttp.Response> awaitAnswers(int count, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (answers.size() < count && Instant.now().isBefore(deadline)) {
            JobsClient.pause(Duration.ofMillis(100));
        }
        return new ArrayList<>(answers.values());
    }

    /**
     * @return how many are still sending, unanswered
     */
    int sending() {
        return connections.size() - answers.size();
    }

    /** Every client goes away without finishing its upload. */
    @Override
    public void close() {
        closed = true;
        try {
            trickle.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(RawHttp::close);
    }
}
