package io.signalbox.app.job;

import io.signalbox.app.camel.ExchangeLifecycleNotifier;
import jakarta.inject.Singleton;
import org.apache.camel.spi.CamelEvent;

/** Every exchange that ends, except the cleanup's own timer, is job activity. */
@Singleton
final class JobActivityNotifier extends ExchangeLifecycleNotifier {

    private static final String CLEANUP_TIMER = "cleanup-expired";

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
                && !CLEANUP_TIMER.equals(exchangeEvent.getExchange().getFromRouteId())) {
            activity.seen();
        }
    }
}
