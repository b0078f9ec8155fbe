package io.signalbox.app.camel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.signalbox.app.logging.JobLogUnitOfWorkFactory;
import io.signalbox.app.metrics.QueueLagNotifier;
import io.signalbox.app.shutdown.StoppableLongPolls;
import io.signalbox.app.storage.QueueSettings;
import io.signalbox.app.webhook.WebhookHttpClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.support.DefaultRegistry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The one Camel context of the process, as a Micronaut bean. Routes are added and started by {@link CamelLifecycle}.
 *
 * <p>With camel-management on the classpath the context, its routes, processors and consumers are MBeans under
 * {@code org.apache.camel:context=signalbox}; every route reports exchanges, failures and processing time to the
 * application's meter registry; every exchange's log lines carry its job, tenant and route.
 */
@Factory
public class CamelContextFactory {

    /** The context's name: the JMX domain entry operators see in hawtio. */
    public static final String CONTEXT_NAME = "signalbox";

    @Singleton
    CamelContext camelContext(BeanContext beans, Environment environment, CamelSettings settings,
            MeterRegistry meters, List<EventNotifier> notifiers, StoppableLongPolls longPolls, QueueSettings queueSettings,
            WebhookHttpClient webhookHttp) {
        DefaultCamelContext context = new DefaultCamelContext(new DefaultRegistry(new MicronautBeanRepository(beans)));
        context.getCamelContextExtension().setName(CONTEXT_NAME);
        context.getPropertiesComponent().addPropertiesSource(new MicronautPropertiesSource(environment));
        // Camel would otherwise cache every stream body, buffering whole S3 objects in memory or on disk.
        context.setStreamCaching(false);
        context.getShutdownStrategy().setTimeout(settings.shutdownTimeout().toMillis());
        context.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        context.getShutdownStrategy().setShutdownNowOnTimeout(true);
        context.getShutdownStrategy().setLogInflightExchangesOnTimeout(true);
        // Messages a stopping SQS consumer has already received (a batch of up to ten) are processed, not left
        // invisible on their queue until their visibility timeout runs out.
        context.setShutdownRunningTask(ShutdownRunningTask.CompleteAllTasks);
        // A route whose S3 bucket or SQS queue cannot be reached yet keeps being started in the background instead
        // of failing the whole process; readiness reports it until it runs.
        SupervisingRouteController routes = context.getRouteController().supervising();
        routes.setInitialDelay(0);
        routes.setBackOffDelay(settings.routeRestartDelay().toMillis());
        routes.setBackOffMaxAttempts(0);

        context.setUseMDCLogging(true);
        context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new JobLogUnitOfWorkFactory());

        MicrometerRoutePolicyFactory routeMetrics = new MicrometerRoutePolicyFactory();
        routeMetrics.setMeterRegistry(meters);
        context.addRoutePolicyFactory(routeMetrics);
        Sqs2Configuration queues = context.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration();
        queues.setAmazonSQSClient(longPolls.consumersClient());
        // Every queue consumer asks for the time its messages were sent, which the queue lag is measured from.
        queues.setAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP.toString());
        webhookHttp.configure(context.getComponent("http", HttpComponent.class));
        // Queue URLs are built from account, region and name (routes.common.Queues); another SQS-API server than
        // AWS's serves them under its own scheme, host and port.
        Optional.ofNullable(queueSettings.endpoint()).ifPresent(endpoint -> {
            queues.setProtocol(endpoint.getScheme());
            queues.setAmazonAWSHost(endpoint.getRawAuthority());
        });
        context.getManagementStrategy().addEventNotifier(new QueueLagNotifier(meters, Clock.systemUTC()));
        notifiers.forEach(context.getManagementStrategy()::addEventNotifier);
        return context;
    }

    @Singleton
    @Bean(preDestroy = "stop")
    ProducerTemplate producerTemplate(CamelContext context) {
        return context.createProducerTemplate();
    }
}
