package io.signalbox.infra.construct;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.constructs.Construct;

/**
 * Scales a queue consumer on its backlog per task: the backlog is the queue's visible plus in-flight messages plus
 * its dead-letter queue's visible messages (the consumer drains those too), and every minute the task count is set
 * to the backlog divided by the acceptable backlog per task. With a minimum of 0 the service stops when idle and
 * starts again when work arrives.
 */
public final class BacklogScaling extends Construct {

    /**
     * @param taskCount the service's scalable task count
     * @param queue     the queue the service consumes
     * @param steps     task bounds and acceptable backlog per task
     * @param scaleIn   whether the backlog also removes tasks; without, something else stops them when idle
     */
    public record Props(ScalableTaskCount taskCount, WorkQueue queue, BacklogSteps steps, boolean scaleIn) {
        public Props {
            if (taskCount == null || queue == null || steps == null) {
                throw new IllegalArgumentException("taskCount, queue and steps are required");
            }
        }
    }

    private final MathExpression backlog;

    public BacklogScaling(Construct scope, String id, Props props) {
        super(scope, id);
        Duration minute = Duration.minutes(1);
        backlog = MathExpression.Builder.create()
                .expression("visible + inflight + dead")
                .usingMetrics(Map.<String, IMetric>of(
                        "visible", props.queue().queue().metricApproximateNumberOfMessagesVisible(
                                MetricOptions.builder()
                                        .period(minute).statistic("Maximum").build()),
                        "inflight", props.queue().queue().metricApproximateNumberOfMessagesNotVisible(
                                MetricOptions.builder()
                                        .period(minute).statistic("Maximum").build()),
                        "dead", props.queue().deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                                MetricOptions.builder()
                                        .period(minute).statistic("Maximum").build())))
                .label("backlog")
                .period(minute)
                .build();
        List<ScalingInterval> intervals = props.steps().steps().stream()
                .filter(step -> props.scaleIn() || step.lower() > 0)
                .map(step -> {
                    ScalingInterval.Builder interval = ScalingInterval.builder()
                            .lower(step.lower())
                            .change(step.tasks());
                    if (step.upper() != null) {
                        interval.upper(step.upper());
                    }
                    return interval.build();
                })
                .toList();
        props.taskCount().scaleOnMetric("BacklogPerTask", BasicStepScalingPolicyProps.builder()
                .metric(backlog)
                .scalingSteps(intervals)
                .adjustmentType(AdjustmentType.EXACT_CAPACITY)
                .cooldown(Duration.minutes(1))
                .evaluationPeriods(1)
                .build());
    }

    /** The backlog metric, for dashboards. */
    public MathExpression backlog() {
        return backlog;
    }
}
