package io.signalbox.app.camel;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.signalbox.app.logging.JobLogUnitOfWorkFactory;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.support.DefaultRegistry;

/** The one Camel context of the process, as a Micronaut bean. Routes are added and started by {@link CamelLifecycle}. */
@Factory
public class CamelContextFactory {

    /** The context's name: the JMX domain entry operators see in hawtio. */
    public static final String CONTEXT_NAME = "signalbox";

    @Singleton
    CamelContext camelContext(BeanContext beans, Environment environment, CamelSettings settings) {
        DefaultCamelContext context = new DefaultCamelContext(new DefaultRegistry(new MicronautBeanRepository(beans)));
        context.getCamelContextExtension().setName(CONTEXT_NAME);
        context.getPropertiesComponent().addPropertiesSource(new MicronautPropertiesSource(environment));
        // Camel would otherwise cache every stream body, buffering whole S3 objects in memory or on disk.
        context.setStreamCaching(false);
        context.getShutdownStrategy().setTimeout(settings.shutdownTimeout().toMillis());
        context.getShutdownStrategy().setTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        context.getShutdownStrategy().setShutdownNowOnTimeout(true);
        // A route whose S3 bucket or SQS queue cannot be reached yet keeps being started in the background instead
        // of failing the whole process; readiness reports it until it runs.
        SupervisingRouteController routes = context.getRouteController().supervising();
        routes.setInitialDelay(0);
        routes.setBackOffDelay(settings.routeRestartDelay().toMillis());
        routes.setBackOffMaxAttempts(0);

        context.setUseMDCLogging(true);
        context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new JobLogUnitOfWorkFactory());
        return context;
    }

    @Singleton
    @Bean(preDestroy = "stop")
    ProducerTemplate producerTemplate(CamelContext context) {
        return context.createProducerTemplate();
    }
}
