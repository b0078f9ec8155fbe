package io.signalbox.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CloudWatchMetersTest {

    @Test
    void sendsOnlyTheChosenMetersWithoutPerRouteOrPerQueueDimensions() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new CloudWatchMeters());

        registry.counter("signalbox.jobs", "outcome", "succeeded").increment();
        registry.counter("signalbox.jobs", "outcome", "downloaded").increment();
        registry.counter("camel.exchanges.failed", "routeId", "ingest-receive", "camelContext", "signalbox").increment();
        registry.counter("camel.exchanges.failed", "routeId", "process-run", "camelContext", "signalbox").increment(2);
        registry.timer("signalbox.queue.message.age", "queue", "signalbox-jobs").record(3, TimeUnit.SECONDS);
        registry.timer("signalbox.queue.message.age", "queue", "signalbox-events").record(9, TimeUnit.SECONDS);
        registry.counter("signalbox.transfer", "direction", "upload").increment();
        registry.gauge("jvm.memory.used", List.of(), 1.0);

        List<String> sent = registry.getMeters().stream().map(Meter::getId)
                .map(id -> id.getName() + id.getTags()).sorted().toList();
        assertThat(sent).containsExactly(
                "camel.exchanges.failed[]",
                "signalbox.jobs[tag(outcome=succeeded)]",
                "signalbox.queue.message.age[]");
        assertThat(registry.get("camel.exchanges.failed").counter().count()).isEqualTo(3);
        assertThat(registry.get("signalbox.queue.message.age").timer().max(TimeUnit.SECONDS)).isEqualTo(9);
    }

    @Test
    void publishesToCloudWatchInTheAwsEnvironmentOnly() {
        assertThat(setting(List.of(), "signalbox.metrics.cloudwatch.enabled")).isEqualTo("false");
        assertThat(setting(List.of("aws"), "signalbox.metrics.cloudwatch.enabled")).isEqualTo("true");
        assertThat(setting(List.of("aws"), "signalbox.metrics.cloudwatch.namespace")).isEqualTo("Signalbox");
    }

    private static String setting(List<String> environments, String key) {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .environments(environments.toArray(String[]::new)).build();
        Environment environment = context.getEnvironment();
        environment.start();
        try {
            return environment.getProperty(key, String.class).orElseThrow();
        } finally {
            environment.stop();
        }
    }
}
