package io.signalbox.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.signalbox.app.routing.ExchangeLifecycleNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Queue lag: how long each message taken from a queue had waited there, from SQS's {@code SentTimestamp} to the
 * moment a consumer created its exchange, as {@code signalbox_queue_message_age_seconds{queue}}. Its {@code _max}
 * is the age of the oldest message taken lately: the figure that tells a backlog from a quiet queue. The consumers
 * ask SQS for {@code SentTimestamp} because the Camel context configures the SQS component to.
 */
public final class QueueLagNotifier extends ExchangeLifecycleNotifier {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param registry where the timers go
     * @param clock the clock receipts are measured with
     */
    public QueueLagNotifier(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCreatedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeCreatedEvent) event).getExchange();
        // A split's parts carry their message's endpoint and headers too; only the message itself is counted.
        boolean part = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null;
        if (part || !(exchange.getFromEndpoint() instanceof Sqs2Endpoint endpoint)) {
            return;
        }
        Duration age = age(exchange.getMessage().getHeader(Sqs2Constants.ATTRIBUTES, Map.class), clock.millis());
        if (age != null) {
            timers.computeIfAbsent(endpoint.getConfiguration().getQueueName(), this::timer).record(age);
        }
    }

    /**
     * @param attributes the message's system attributes as the SQS consumer put them in its header, or {@code null}
     * @param nowMillis the time of receipt
     * @return how long the message waited, or {@code null} when it carries no {@code SentTimestamp}; never negative
     */
    static Duration age(Map<?, ?> attributes, long nowMillis) {
        if (attributes == null) {
            return null;
        }
        Object sent = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent == null) {
            sent = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP.toString());
        }
        if (sent == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, nowMillis - Long.parseLong(sent.toString())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Timer timer(String queue) {
        return Timer.builder("signalbox.queue.message.age")
                .description("How long messages taken from a queue had waited there (SQS SentTimestamp to receipt)")
                .tag("queue", queue)
                .register(registry);
    }
}
