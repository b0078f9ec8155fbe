package io.signalbox.app.scaling;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.storage.AwsClientsFactory;
import io.signalbox.app.storage.AwsCredentialsSettings;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS client that sets the process service's task count, where that service may stop when idle. Like the S3 and
 * SQS clients, it hands its calls to every {@link ExecutionInterceptor} bean.
 */
@Factory
class EcsClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = ProcessServiceSettings.PREFIX + ".service")
    EcsClient ecsClient(StorageSettings storage, ProcessServiceSettings process,
            @Nullable AwsCredentialsSettings credentials, List<ExecutionInterceptor> interceptors) {
        var builder = EcsClient.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(AwsClientsFactory.credentialsProvider(credentials))
                .overrideConfiguration(configuration -> configuration.executionInterceptors(interceptors))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(2));
        Optional.ofNullable(process.endpoint()).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
