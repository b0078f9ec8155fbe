package io.signalbox.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.ExchangeCompletedEvent;
import org.apache.camel.impl.event.ExchangeFailedEvent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobActivityNotifierTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final JobActivity activity = new JobActivity();
    private final JobActivityNotifier notifier = new JobActivityNotifier(activity);

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aMessageTakenOffAQueueIsActivityWhetherItsExchangeCompletesOrFails() {
        notifier.notify(new ExchangeCompletedEvent(exchangeFrom("aws2-sqs://signalbox-events")));
        notifier.notify(new ExchangeFailedEvent(exchangeFrom("aws2-sqs://signalbox-jobs")));

        assertThat(activity.count()).isEqualTo(2);
    }

    @Test
    void theTimersAndWhatTheyCallAreNoActivity() {
        notifier.notify(new ExchangeCompletedEvent(exchangeFrom("timer://cleanup-expired")));
        notifier.notify(new ExchangeCompletedEvent(exchangeFrom("timer://webhooks-dispatch")));
        notifier.notify(new ExchangeCompletedEvent(exchangeFrom("seda://webhooks-send")));
        notifier.notify(new ExchangeCompletedEvent(new DefaultExchange(camel)));

        assertThat(activity.count()).isZero();
    }

    private Exchange exchangeFrom(String uri) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getExchangeExtension().setFromEndpoint(new NamedEndpoint(uri, camel));
        return exchange;
    }

    /** Only an endpoint's address matters here; a real SQS endpoint would look its queue up when created. */
    private static final class NamedEndpoint extends DefaultEndpoint {

        NamedEndpoint(String uri, CamelContext camel) {
            super(uri, null);
            setCamelContext(camel);
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException();
        }
    }
}
