package io.signalbox.app.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Publishing Signalbox's metrics to CloudWatch; on only in AWS ({@code application-aws.yml}).
 *
 * @param enabled whether to publish
 * @param namespace the CloudWatch namespace, one per deployment
 * @param step how often the metrics are sent
 */
@ConfigurationProperties("signalbox.metrics.cloudwatch")
public record CloudWatchSettings(boolean enabled, @NotBlank String namespace, @NotNull Duration step) {
}
