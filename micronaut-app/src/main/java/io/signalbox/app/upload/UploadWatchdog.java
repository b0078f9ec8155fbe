package io.signalbox.app.upload;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops uploads whose clients send slower than {@code signalbox.upload.min-bytes-per-second} for longer than
 * {@code signalbox.upload.slow-timeout}. The clock is the time the service waited for the client, so an upload is
 * never blamed for time the service spent storing what it had received.
 */
@Singleton
final class UploadWatchdog {

    private static final Duration LONGEST_TICK = Duration.ofSeconds(1);

    private final UploadSettings settings;
    private final Map<ClientBody, RateWindow> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "upload-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    UploadWatchdog(UploadSettings settings) {
        this.settings = settings;
        long tick = Math.max(10, Math.min(LONGEST_TICK.toMillis(), settings.slowTimeout().toMillis() / 4));
        ticks.scheduleAtFixedRate(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches a body until the returned handle is closed.
     *
     * @param body the body being read
     * @return closing it ends the watch
     */
    Watch watch(ClientBody body) {
        watched.put(body, new RateWindow(settings.minBytesPerSecond(), settings.slowTimeout(), body.waitedNanos()));
        return () -> watched.remove(body);
    }

    private void check() {
        watched.forEach((body, window) -> {
            if (window.tooSlow(body.waitedNanos(), body.bytesRead())) {
                watched.remove(body);
                body.stop(ClientBody.Failure.TOO_SLOW);
            }
        });
    }

    @PreDestroy
    void close() {
        ticks.shutdownNow();
    }

    /** The watch of one body. */
    interface Watch extends AutoCloseable {

        @Override
        void close();
    }
}
