package io.signalbox.app.scaling;

import io.micronaut.context.annotation.Requires;
import io.signalbox.app.routing.ExchangeLifecycleNotifier;
import io.signalbox.app.routing.RouteGroupSettings;
import io.signalbox.app.storage.QueueSettings;
import io.signalbox.topology.RouteGroup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When ingest sends a job to the jobs queue, makes sure the process service has a task: a service scaled to zero
 * would otherwise wait for its backlog alarm, and SQS publishes no metrics for a queue that was idle for hours until
 * up to 15 minutes after it gets messages again. The ECS call runs off the route's thread, at most once a
 * {@link #PAUSE}, and a failure only delays the job until the alarm starts the service.
 */
@Singleton
@Requires(property = ProcessServiceSettings.PREFIX + ".service")
final class ProcessWakeNotifier extends ExchangeLifecycleNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessWakeNotifier.class);
    /** A task takes longer than this to start; asking ECS again sooner would tell nothing new. */
    static final Duration PAUSE = Duration.ofSeconds(20);

    private final ProcessService process;
    private static final String INGEST_ROUTE = "ingest-receive";

    private final Pattern jobsEndpoint;
    private final boolean ingests;
    private final Clock clock;
    private final AtomicReference<Instant> lastWake = new AtomicReference<>(Instant.MIN);
    private final ExecutorService calls = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "process-wake");
        thread.setDaemon(true);
        return thread;
    });

    ProcessWakeNotifier(ProcessService process, QueueSettings queues, RouteGroupSettings groups) {
        this.process = process;
        this.jobsEndpoint = Pattern.compile("aws2-sqs://" + Pattern.quote(queues.jobs()) + "(\\?|$)");
        this.ingests = groups.runs(RouteGroup.INGEST);
        this.clock = Clock.systemUTC();
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return ingests && event instanceof CamelEvent.ExchangeCompletedEvent;
    }

    /** An exchange of ingest (one event of a message) that ended having sent a job to the jobs queue. */
    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
        String sentTo = exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class);
        if (!INGEST_ROUTE.equals(exchange.getFromRouteId()) || sentTo == null
                || !jobsEndpoint.matcher(sentTo).lookingAt()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastWake.get();
        if (now.isBefore(last.plus(PAUSE)) || !lastWake.compareAndSet(last, now)) {
            return;
        }
        calls.execute(() -> {
            try {
                process.wake();
            } catch (RuntimeException e) {
                LOG.warn("Could not make sure {} runs; its backlog alarm will start it: {}", "process",
                        e.getMessage());
            }
        });
    }

    @PreDestroy
    void shutdownCalls() {
        calls.shutdownNow();
    }
}
