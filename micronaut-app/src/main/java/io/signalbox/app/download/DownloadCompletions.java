package io.signalbox.app.download;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actions to run once a response body has been completely written to its connection, and not before: how a result
 * is deleted only after its whole download. {@link DownloadCompletionHandler} reports which responses got there.
 */
@Singleton
public final class DownloadCompletions {

    /** The response header that carries a token to the connection; removed before the response leaves the server. */
    public static final String TOKEN_HEADER = "X-Signalbox-Completion-Token";

    private static final Logger LOG = LoggerFactory.getLogger(DownloadCompletions.class);

    private final Map<String, Runnable> pending = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    DownloadCompletions(@Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.executor = executor;
    }

    /**
     * @param action what to do once the response carrying the returned token was fully written; it runs in the
     *     caller's propagated context, so its log lines name the caller's job
     * @return the token to put in the response's {@link #TOKEN_HEADER} header
     */
    public String register(Runnable action) {
        String token = UUID.randomUUID().toString();
        pending.put(token, PropagatedContext.getOrEmpty().wrap(action));
        return token;
    }

    void written(String token) {
        Runnable action = pending.remove(token);
        if (action != null) {
            executor.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("action after a complete download failed: {}", e.getMessage(), e);
                }
            });
        }
    }

    void abandoned(String token) {
        if (pending.remove(token) != null) {
            LOG.info("a download ended before its whole body was written; nothing was deleted");
        }
    }
}
