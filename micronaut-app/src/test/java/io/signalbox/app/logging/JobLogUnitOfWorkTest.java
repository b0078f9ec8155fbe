package io.signalbox.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The job's MDC keys on a real Camel context whose routes hand exchanges from thread to thread. */
class JobLogUnitOfWorkTest {

    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    private final Map<String, String> threads = new ConcurrentHashMap<>();
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new JobLogUnitOfWorkFactory());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:claim").routeId("claim")
                        .process(exchange -> LogContext.job(exchange.getMessage().getBody(String.class), "acme"))
                        .process(exchange -> {
                            seen.put("before-hand-off", mdc());
                            threads.put("before-hand-off", Thread.currentThread().getName());
                        })
                        .threads(1).threadName("other")
                        .process(exchange -> {
                            seen.put("after-hand-off", mdc());
                            threads.put("after-hand-off", Thread.currentThread().getName());
                        })
                        .to("direct:store")
                        .process(exchange -> seen.put("back-from-store", mdc()));
                from("direct:store").routeId("store")
                        .process(exchange -> seen.put("store", mdc()));
                from("direct:pooled").routeId("pooled").threads(1).threadName("other")
                        .process(exchange -> seen.put("next-exchange-on-the-pool", mdc()));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        MDC.clear();
        camel.stop();
    }

    @Test
    void aJobNamedByOneStepIsOnEveryLaterStepOnEveryThreadWithTheRouteRunningIt() {
        producer.requestBody("direct:claim", "job-1");

        assertThat(threads.get("after-hand-off")).contains("other").isNotEqualTo(threads.get("before-hand-off"));
        assertThat(seen.get("before-hand-off")).containsEntry("jobId", "job-1").containsEntry("tenant", "acme")
                .containsEntry("route", "claim");
        assertThat(seen.get("after-hand-off")).containsEntry("jobId", "job-1").containsEntry("tenant", "acme")
                .containsEntry("route", "claim");
        assertThat(seen.get("store")).containsEntry("jobId", "job-1").containsEntry("route", "store");
        assertThat(seen.get("back-from-store")).containsEntry("route", "claim");
    }

    @Test
    void nothingIsLeftOnAPooledThreadForTheNextExchange() {
        producer.requestBody("direct:claim", "job-1");
        producer.requestBody("direct:pooled", "no job");

        assertThat(seen.get("next-exchange-on-the-pool")).doesNotContainKeys("jobId", "tenant")
                .containsEntry("route", "pooled");
    }

    @Test
    void theCallersJobIsCarriedIntoTheExchangeAndGivenBackUntouched() {
        LogContext.job("job-of-the-request", "globex");
        MDC.put("route", "api");

        producer.requestBody("direct:store", "x");

        assertThat(seen.get("store")).containsEntry("jobId", "job-of-the-request").containsEntry("tenant", "globex")
                .containsEntry("route", "store");
        assertThat(MDC.get("jobId")).isEqualTo("job-of-the-request");
        assertThat(MDC.get("route")).isEqualTo("api");
    }

    @Test
    void aCallerWithoutAJobGetsNoneBack() {
        producer.requestBody("direct:claim", "job-2");

        assertThat(MDC.get("jobId")).isNull();
        assertThat(MDC.get("tenant")).isNull();
        assertThat(MDC.get("route")).isNull();
    }

    private static Map<String, String> mdc() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null ? Map.of() : Map.copyOf(copy);
    }
}
