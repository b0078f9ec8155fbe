package io.signalbox.app.scaling;

import io.micronaut.context.annotation.Requires;
import io.signalbox.app.camel.RouteGroupSettings;
import io.signalbox.app.storage.QueueSettings;
import io.signalbox.routes.common.RouteGroup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
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
final class ProcessWakeNotifier extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessWakeNotifier.class);
    /** A task takes longer than this to start; asking ECS again sooner would tell nothing new. */
    static final Duration PAUSE = Duration.ofSeconds(20);

    private final ProcessService process;
    private final String jobsQueue;
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
        this.jobsQueue = queues.jobs();
        this.ingests = groups.runs(RouteGroup.INGEST);
        this.clock = Clock.systemUTC();
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return ingests && event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.ExchangeSentEvent sent = (CamelEvent.ExchangeSentEvent) event;
        if (!(sent.getEndpoint() instanceof Sqs2Endpoint queue)
                || !jobsQueue.equals(queue.getConfiguration().getQueueName())
                || sent.getExchange().isFailed()) {
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
