package io.signalbox.app.download;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners told how much of a response's body reached its connection, once the response has ended: all of it, or
 * fewer bytes when the connection was cut. {@link DownloadCompletionHandler} watches the responses; this is how a
 * result is counted as delivered only by what was really sent.
 */
@Singleton
public final class DownloadCompletions {

    /** The response header that carries a token to the connection; removed before the response leaves the server. */
    public static final String TOKEN_HEADER = "X-Signalbox-Completion-Token";

    private static final Logger LOG = LoggerFactory.getLogger(DownloadCompletions.class);
    /** A response is on its connection within moments of being registered; one that never got there was dropped. */
    private static final Duration UNCLAIMED = Duration.ofMinutes(10);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    DownloadCompletions(@Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.executor = executor;
    }

    /**
     * @param delivered told, once, how many of the body's bytes were written to the connection, when the response
     *     carrying the returned token has ended; it runs in the caller's propagated context, so that its log lines
     *     name the caller's job
     * @return the token to put in the response's {@link #TOKEN_HEADER} header
     */
    public String register(LongConsumer delivered) {
        long now = System.nanoTime();
        pending.values().removeIf(entry -> now - entry.registeredAt() > UNCLAIMED.toNanos());
        String token = UUID.randomUUID().toString();
        PropagatedContext context = PropagatedContext.getOrEmpty();
        pending.put(token, new Pending(bytes -> context.wrap(() -> delivered.accept(bytes)).run(), now));
        return token;
    }

    /**
     * @param token a response's token, seen as the response goes out
     * @return its listener, which no longer waits here
     */
    Optional<LongConsumer> claim(String token) {
        return Optional.ofNullable(pending.remove(token)).map(Pending::listener);
    }

    /**
     * @param listener a claimed listener
     * @param bytesWritten how many of the body's bytes reached the connection
     */
    void ended(LongConsumer listener, long bytesWritten) {
        executor.execute(() -> {
            try {
                listener.accept(bytesWritten);
            } catch (RuntimeException e) {
                LOG.error("recording a download's {} bytes failed: {}", bytesWritten, e.getMessage(), e);
            }
        });
    }

    private record Pending(LongConsumer listener, long registeredAt) {
    }
}
