package io.signalbox.app.metrics;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * In AWS, where nothing scrapes {@code /prometheus}, a second meter registry sends the meters of
 * {@link CloudWatchMeters} to CloudWatch; the application's composite registry feeds it with every meter.
 */
@Factory
@Requires(property = "signalbox.metrics.cloudwatch.enabled", value = "true")
class CloudWatchMetricsFactory {

    @Singleton
    @Bean(preDestroy = "close")
    CloudWatchAsyncClient cloudWatchClient(StorageSettings storage) {
        return CloudWatchAsyncClient.builder().region(Region.of(storage.region())).build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    CloudWatchMeterRegistry cloudWatchMeterRegistry(CloudWatchAsyncClient client, CloudWatchSettings settings) {
        CloudWatchConfig config = new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String namespace() {
                return settings.namespace();
            }

            @Override
            public java.time.Duration step() {
                return settings.step();
            }
        };
        CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM, client);
        registry.config().meterFilter(new CloudWatchMeters());
        return registry;
    }
}
