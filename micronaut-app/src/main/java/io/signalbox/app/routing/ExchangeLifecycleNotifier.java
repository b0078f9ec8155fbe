package io.signalbox.app.routing;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * An event notifier told only when exchanges are created, complete or fail: Camel does not even build the events
 * of contexts, routes, services, steps, sending and redelivery for it.
 */
public abstract class ExchangeLifecycleNotifier extends EventNotifierSupport {

    // JDK 21's javac warns (this-escape) of the setters, which only set flags of EventNotifierSupport.
    @SuppressWarnings("this-escape")
    protected ExchangeLifecycleNotifier() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent;
    }
}
