package io.signalbox.app.scaling;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/** The desired task count of the process service, read and set through the ECS API. */
@Singleton
@Requires(property = ProcessServiceSettings.PREFIX + ".service")
public final class ProcessService {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessService.class);

    private final EcsClient ecs;
    private final ProcessServiceSettings settings;

    ProcessService(EcsClient ecs, ProcessServiceSettings settings) {
        this.ecs = ecs;
        this.settings = settings;
    }

    /** Starts one task when the service has none; leaves it alone otherwise (autoscaling may have more). */
    public void wake() {
        Service service = ecs.describeServices(request -> request.cluster(settings.cluster())
                .services(settings.service())).services().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("ECS has no service " + settings.service() + " in "
                        + settings.cluster()));
        if (service.desiredCount() == 0) {
            ecs.updateService(request -> request.cluster(settings.cluster()).service(settings.service())
                    .desiredCount(1));
            LOG.info("A job was queued while {} had no task: one is starting", settings.service());
        }
    }

    /** Sets the service to no task; a task still running a job is protected and finishes first. */
    public void stop() {
        ecs.updateService(request -> request.cluster(settings.cluster()).service(settings.service())
                .desiredCount(0));
        LOG.info("{} has had no job for {}: its tasks stop", settings.service(), settings.idleStop());
    }
}
