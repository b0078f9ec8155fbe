package io.signalbox.app.camel;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.signalbox.app.routing.RouteGroupSettings;
import io.signalbox.app.shutdown.StoppableLongPolls;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.storage.StorageRoutes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Camel with the selected route groups when the application starts, before the HTTP server takes requests,
 * and stops it gracefully when the application stops: consumers stop first, without waiting out their long polls,
 * so no new message is taken; exchanges in flight get the shutdown timeout to finish; whatever is still running then
 * is abandoned, and its message, never deleted, is delivered again after its visibility timeout. The storage routes
 * stop last, since the exchanges still running and the REST requests still being answered use them.
 *
 * <p>On SIGTERM graceful shutdown starts this while the HTTP server stops taking requests and finishes the ones it
 * has; otherwise it runs when the application context closes.
 */
@Singleton
final class CamelLifecycle implements ApplicationEventListener<StartupEvent>, GracefulShutdownCapable, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(CamelLifecycle.class);

    private final CamelContext camel;
    private final RouteGroupSettings settings;
    private final ErrorHandling errorHandling;
    private final StorageRoutes storageRoutes;
    private final List<GroupRoutes> groupRoutes;
    private final StoppableLongPolls longPolls;
    private final AtomicReference<CompletableFuture<Void>> stopping = new AtomicReference<>();

    CamelLifecycle(CamelContext camel, RouteGroupSettings settings, ErrorHandling errorHandling,
            StorageRoutes storageRoutes, List<GroupRoutes> groupRoutes, StoppableLongPolls longPolls) {
        this.camel = camel;
        this.longPolls = longPolls;
        this.settings = settings;
        this.errorHandling = errorHandling;
        this.storageRoutes = storageRoutes;
        this.groupRoutes = groupRoutes;
    }

    /**
     * Camel starts after every other startup listener: the tenants and partners it serves exist by then, and a
     * process whose configuration is refused at startup never starts taking messages.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            camel.addRoutesConfigurations(errorHandling);
            camel.addRoutes(storageRoutes);
            for (GroupRoutes routes : groupRoutes) {
                if (settings.runs(routes.group())) {
                    camel.addRoutes(routes);
                }
            }
            camel.start();
            LOG.info("Camel started with route groups {}: {} routes", settings.groups(), camel.getRoutes().size());
        } catch (Exception e) {
            throw new IllegalStateException("Camel could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        return stopOnce();
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(camel.getInflightRepository().size());
    }

    /** Waits for a graceful stop already under way rather than racing it; Camel's shutdown timeout bounds the wait. */
    @PreDestroy
    void stop() {
        stopOnce().join();
    }

    private CompletableFuture<Void> stopOnce() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        if (!stopping.compareAndSet(null, stopped)) {
            return stopping.get();
        }
        Thread thread = new Thread(() -> {
            try {
                LOG.info("Camel stopping: consumers stop now, {} exchanges in flight get up to {} ms to finish",
                        camel.getInflightRepository().size(), camel.getShutdownStrategy().getTimeout());
                longPolls.stop();
                camel.stop();
                stopped.complete(null);
            } catch (RuntimeException e) {
                stopped.completeExceptionally(e);
            }
        }, "camel-shutdown");
        thread.start();
        return stopped;
    }
}
