package io.signalbox.app.scaling;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.signalbox.app.routing.ExchangeLifecycleNotifier;
import io.signalbox.app.routing.RouteGroupSettings;
import io.signalbox.app.storage.QueueSettings;
import io.signalbox.topology.RouteGroup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.spi.CamelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lets the process service go back to zero tasks: a process task that has had no job for
 * {@code signalbox.process.scaling.idle-stop}, with the jobs queue and its dead-letter queue empty, sets its service
 * to no task. Scaling out stays with the backlog alarm; scaling in to zero is done here rather than by an alarm on
 * the backlog, which would keep setting zero while a task that ingest just started has not yet taken its job.
 */
@Singleton
@Requires(property = ProcessServiceSettings.PREFIX + ".service")
final class ProcessIdleStop extends ExchangeLifecycleNotifier implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessIdleStop.class);
    private static final List<String> PROCESS_ROUTES = List.of("process-run", "process-dead-letter");

    private final ProcessService process;
    private final SqsClient sqs;
    private final QueueSettings queues;
    private final Duration idleStop;
    private final boolean processes;
    private final Clock clock;
    private final AtomicReference<Instant> lastJob;
    private final AtomicInteger running = new AtomicInteger();
    /** Set once the service was told to stop; a job taken since then clears it. */
    private final AtomicBoolean stopAsked = new AtomicBoolean();
    private ScheduledExecutorService checks;

    ProcessIdleStop(ProcessService process, SqsClient sqs, QueueSettings queues, ProcessServiceSettings settings,
            RouteGroupSettings groups) {
        this.process = process;
        this.sqs = sqs;
        this.queues = queues;
        this.idleStop = settings.idleStop();
        this.processes = groups.runs(RouteGroup.PROCESS);
        this.clock = Clock.systemUTC();
        this.lastJob = new AtomicReference<>(clock.instant());
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!processes || idleStop.isZero()) {
            return;
        }
        checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "process-idle-stop");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, Math.min(60, idleStop.toSeconds() / 4));
        checks.scheduleWithFixedDelay(this::check, period, period, TimeUnit.SECONDS);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return processes && super.isEnabled(event)
                && PROCESS_ROUTES.contains(((CamelEvent.ExchangeEvent) event).getExchange().getFromRouteId());
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            running.incrementAndGet();
        } else if (event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent) {
            running.decrementAndGet();
        }
        lastJob.set(clock.instant());
        stopAsked.set(false);
    }

    private void check() {
        try {
            if (stopAsked.get() || running.get() > 0 || clock.instant().isBefore(lastJob.get().plus(idleStop))) {
                return;
            }
            if (waiting(queues.jobs()) + waiting(queues.jobsDlq()) > 0) {
                return;
            }
            process.stop();
            stopAsked.set(true);
        } catch (RuntimeException e) {
            LOG.warn("Could not tell whether the process service may stop: {}", e.getMessage());
        }
    }

    private long waiting(String queue) {
        String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    @PreDestroy
    void shutdownChecks() {
        if (checks != null) {
            checks.shutdownNow();
        }
    }
}
