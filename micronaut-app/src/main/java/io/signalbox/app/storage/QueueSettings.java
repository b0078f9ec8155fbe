package io.signalbox.app.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;

/**
 * The queues, by name, and the account that owns them: a queue's URL is made of the two, so finding a queue takes
 * no call to SQS.
 *
 * @param events S3 event notifications
 * @param jobs job ids ready to process
 * @param downloads CloudTrail GetObject events of downloads and partner pickups
 * @param jobsDlq dead letters of {@code jobs}, which the {@code process} group fails
 * @param accountId the AWS account owning the queues ({@code 000000000000} for the embedded SQS-API server)
 * @param endpoint an SQS-API endpoint other than AWS's (local mode), or {@code null}
 * @param waitTimeSeconds long-poll wait of the consumers
 */
@ConfigurationProperties("signalbox.queues")
public record QueueSettings(@NotBlank String events, @NotBlank String jobs, @NotBlank String downloads,
        @NotBlank String jobsDlq, @Pattern(regexp = "\\d{12}") String accountId, @Nullable URI endpoint,
        int waitTimeSeconds) {
}
