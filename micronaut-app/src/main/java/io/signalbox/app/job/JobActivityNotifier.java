package io.signalbox.app.job;

import io.signalbox.app.routing.ExchangeLifecycleNotifier;
import jakarta.inject.Singleton;
import org.apache.camel.spi.CamelEvent;

/**
 * Every message taken off a queue is job activity. The timers' own exchanges (the cleanup, the webhook dispatch, the
 * abort of abandoned uploads) and what they call are not: they would keep a sleeping database awake forever.
 */
@Singleton
final class JobActivityNotifier extends ExchangeLifecycleNotifier {

    private static final String QUEUE_SCHEME = "aws2-sqs:";

    private final JobActivity activity;

    JobActivityNotifier(JobActivity activity) {
        this.activity = activity;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeEvent exchangeEvent
                && exchangeEvent.getExchange().getFromEndpoint() != null
                && exchangeEvent.getExchange().getFromEndpoint().getEndpointUri().startsWith(QUEUE_SCHEME)) {
            activity.seen();
        }
    }
}
