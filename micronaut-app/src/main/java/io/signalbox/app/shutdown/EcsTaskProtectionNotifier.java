package io.signalbox.app.shutdown;

import io.micronaut.context.annotation.Requires;
import io.signalbox.app.routing.ExchangeLifecycleNotifier;
import io.signalbox.app.storage.QueueSettings;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;

/**
 * Tells {@link EcsTaskProtection} when a message of the jobs queue starts and ends its way through the routes:
 * only a process running the {@code process} route group consumes that queue.
 */
@Singleton
@Requires(bean = EcsTaskProtection.class)
final class EcsTaskProtectionNotifier extends ExchangeLifecycleNotifier {

    private final EcsTaskProtection protection;
    private final String jobsQueue;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    EcsTaskProtectionNotifier(EcsTaskProtection protection, QueueSettings queues) {
        this.protection = protection;
        this.jobsQueue = queues.jobs();
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null
                || !(exchange.getFromEndpoint() instanceof Sqs2Endpoint endpoint)
                || !jobsQueue.equals(endpoint.getConfiguration().getQueueName())) {
            return;
        }
        if (event instanceof ExchangeCreatedEvent) {
            if (inFlight.add(exchange.getExchangeId())) {
                protection.jobStarted();
            }
        } else if (inFlight.remove(exchange.getExchangeId())) {
            protection.jobEnded();
        }
    }
}
