package io.signalbox.app.shutdown;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects this ECS task from scale-in while it runs jobs, so that a falling queue depth does not stop a task in the
 * middle of a long job: protection is asked for when the first job starts, renewed while jobs run, and released
 * when the last one ends, through the ECS agent's task protection endpoint. Exists only on ECS, where the agent's
 * address is in {@code ECS_AGENT_URI}.
 *
 * <p>Calls go out on a thread of their own, in order, so that a slow agent never holds up a job; a failed call is
 * logged and the job goes on unprotected.
 */
@Singleton
@Requires(property = "ecs.agent.uri")
public final class EcsTaskProtection {

    private static final Logger LOG = LoggerFactory.getLogger(EcsTaskProtection.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final URI endpoint;
    private final long expiryMinutes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private final ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ecs-task-protection");
        thread.setDaemon(true);
        return thread;
    });
    private int running;

    EcsTaskProtection(@Value("${ecs.agent.uri}") String agentUri, TaskProtectionSettings settings) {
        this.endpoint = URI.create(agentUri.replaceAll("/+$", "") + "/task-protection/v1/state");
        this.expiryMinutes = Math.min(2880, Math.max(1, settings.protectionExpiry().toMinutes()));
        long renewal = Math.max(1, expiryMinutes * 60 / 2);
        calls.scheduleWithFixedDelay(this::renewWhileRunning, renewal, renewal, TimeUnit.SECONDS);
    }

    /** A job started in this task. */
    public synchronized void jobStarted() {
        if (running++ == 0) {
            calls.execute(() -> put(true));
        }
    }

    /** A job of this task ended, however it ended. */
    public synchronized void jobEnded() {
        if (running > 0 && --running == 0) {
            calls.execute(() -> put(false));
        }
    }

    @PreDestroy
    void stop() {
        calls.shutdown();
    }

    private void renewWhileRunning() {
        boolean renew;
        synchronized (this) {
            renew = running > 0;
        }
        if (renew) {
            put(true);
        }
    }

    private void put(boolean protect) {
        String body = protect
                ? "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":" + expiryMinutes + "}"
                : "{\"ProtectionEnabled\":false}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                LOG.info("scale-in protection of this task {}", protect ? "on for " + expiryMinutes + " min" : "off");
            } else {
                LOG.warn("the ECS agent answered {} to scale-in protection {}: {}", response.statusCode(),
                        protect ? "on" : "off", response.body());
            }
        } catch (IOException e) {
            LOG.warn("the ECS agent could not be asked for scale-in protection {}: {}", protect ? "on" : "off",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
