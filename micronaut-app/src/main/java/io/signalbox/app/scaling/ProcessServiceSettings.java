package io.signalbox.app.scaling;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * The ECS service that runs the {@code process} group, where it may stop when idle (free profile): ingest starts it
 * when it queues a job, and it stops itself after {@code idleStop} without work.
 *
 * @param cluster the ECS cluster's name
 * @param service the process service's name
 * @param idleStop how long a process task waits without a job before it sets its service to 0 tasks
 * @param endpoint an ECS API endpoint other than AWS's (tests), or {@code null}
 */
@ConfigurationProperties(ProcessServiceSettings.PREFIX)
public record ProcessServiceSettings(@NotBlank String cluster, @NotBlank String service, @NotNull Duration idleStop,
        @Nullable URI endpoint) {

    public static final String PREFIX = "signalbox.process.scaling";
}
