package io.signalbox.infra.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.apigatewayv2.IHttpStage;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What an operator watches: one SNS topic for every alarm (dead letters, old messages, 5xx rate, crashing tasks,
 * database CPU and storage), a dashboard of the same signals, and a monthly AWS Budget that alerts at 80 %.
 */
public final class Operations extends Construct {

    public static final double BUDGET_ALERT_PERCENT = 80;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Duration FIVE_MINUTES = Duration.minutes(5);
    /** Longer than a job's long poll and a partner's biggest inbox copy take; shorter than anyone waits happily. */
    public static final Duration QUEUE_LAG_ALARM = Duration.minutes(10);

    /**
     * @param name             names the dashboard and the budget
     * @param budgetUsd        monthly cost limit in US dollars
     * @param alarmEmail       address subscribed to the topic and the budget, if any
     * @param metricsNamespace where Signalbox publishes its own metrics in CloudWatch
     */
    public record Props(String name, int budgetUsd, Optional<String> alarmEmail, String metricsNamespace) {
        public Props {
            if (metricsNamespace == null || metricsNamespace.isBlank()) {
                throw new IllegalArgumentException("metricsNamespace is required");
            }
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,100}")) {
                throw new IllegalArgumentException("operations name '" + name + "' is invalid; expected letters,"
                        + " digits, '-' or '_'");
            }
            if (budgetUsd < 1) {
                throw new IllegalArgumentException("budgetUsd " + budgetUsd + " is invalid; expected >= 1");
            }
            if (alarmEmail == null) {
                throw new IllegalArgumentException("alarmEmail must not be null; use Optional.empty()");
            }
            alarmEmail.ifPresent(email -> {
                if (!EMAIL.matcher(email).matches()) {
                    throw new IllegalArgumentException("alarm email '" + email + "' is not an email address");
                }
            });
        }
    }

    private final Props props;
    private final Topic topic;
    private final Dashboard dashboard;
    private final List<IAlarm> alarms = new ArrayList<>();

    public Operations(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        topic = Topic.Builder.create(this, "Alarms")
                .displayName("Signalbox alarms")
                .enforceSsl(true)
                .build();
        props.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("BudgetsPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("budgets.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(props.name()).build();
        budget(props);
    }

    public Topic topic() {
        return topic;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public List<IAlarm> alarms() {
        return List.copyOf(alarms);
    }

    /** Alarms when the dead-letter queue holds anything and when the oldest message waits longer than {@code maxAge}. */
    public void watchQueue(String name, WorkQueue queue, Duration maxAge) {
        alarm(name + "DeadLetters", "Messages in " + name + "-dlq: they failed " + name + " repeatedly",
                queue.deadLetterQueue().metricApproximateNumberOfMessagesVisible(max(FIVE_MINUTES)),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1);
        alarm(name + "OldestMessage", "The oldest " + name + " message waits longer than " + maxAge.toHumanString(),
                queue.queue().metricApproximateAgeOfOldestMessage(max(FIVE_MINUTES)),
                maxAge.toSeconds().doubleValue(), ComparisonOperator.GREATER_THAN_THRESHOLD, 2);
        dashboard.addWidgets(GraphWidget.Builder.create()
                .title(name + " queue")
                .left(List.of(
                        queue.queue().metricApproximateNumberOfMessagesVisible(max(Duration.minutes(1))),
                        queue.queue().metricApproximateNumberOfMessagesNotVisible(max(Duration.minutes(1))),
                        queue.deadLetterQueue().metricApproximateNumberOfMessagesVisible(max(Duration.minutes(1)))))
                .width(8)
                .build());
    }

    /** Alarms when more than {@code percent} % of the API's requests end in a 5xx over two of three 5-minute periods. */
    public void watchLoadBalancer(ApplicationLoadBalancer loadBalancer, double percent) {
        MetricOptions sum = MetricOptions.builder().period(FIVE_MINUTES).statistic("Sum").build();
        MathExpression errorRate = MathExpression.Builder.create()
                .expression("IF(requests > 0, 100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests, 0)")
                .usingMetrics(Map.<String, IMetric>of(
                        "requests", loadBalancer.getMetrics().requestCount(sum),
                        "target5xx", loadBalancer.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum),
                        "elb5xx", loadBalancer.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum)))
                .label("5xx %")
                .period(FIVE_MINUTES)
                .build();
        watchApi(errorRate, percent, loadBalancer.getMetrics().requestCount(sum),
                loadBalancer.getMetrics().targetResponseTime(MetricOptions.builder()
                        .period(FIVE_MINUTES).statistic("p95").build()));
    }

    /**
     * Tells the topic about every task of the cluster that crashes or fails to start, naming its service and the
     * reason ECS gives, and alarms while they keep coming. ECS reports such stops as events; a rule matches them
     * (scale-in, deployments and Spot interruptions stop tasks with other codes) and the alarm counts matches.
     */
    public void watchTasks(ICluster cluster) {
        Rule crashes = Rule.Builder.create(this, "TaskCrashes")
                .description("Signalbox tasks that exited on their own or failed to start")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.ecs"))
                        .detailType(List.of("ECS Task State Change"))
                        .detail(Map.of(
                                "clusterArn", List.of(cluster.getClusterArn()),
                                "lastStatus", List.of("STOPPED"),
                                "stopCode", List.of("EssentialContainerExited", "TaskFailedToStart")))
                        .build())
                .targets(List.of(SnsTopic.Builder.create(topic)
                        .message(RuleTargetInput.fromText("Signalbox task of " + EventField.fromPath("$.detail.group")
                                + " stopped (" + EventField.fromPath("$.detail.stopCode") + "): "
                                + EventField.fromPath("$.detail.stoppedReason") + "; task "
                                + EventField.fromPath("$.detail.taskArn")))
                        .build()))
                .build();
        Metric matched = Metric.Builder.create()
                .namespace("AWS/Events")
                .metricName("MatchedEvents")
                .dimensionsMap(Map.of("RuleName", crashes.getRuleName()))
                .statistic("Sum")
                .period(FIVE_MINUTES)
                .build();
        alarm("TaskRestarts", "Tasks crashed or failed to start; ECS is restarting them", matched,
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1);
    }

    /** CPU and memory of one service on the dashboard. */
    public void watchService(String name, Service service) {
        MetricOptions average = MetricOptions.builder().period(FIVE_MINUTES).statistic("Average").build();
        dashboard.addWidgets(GraphWidget.Builder.create()
                .title(name + " tasks")
                .left(List.of(service.service().metricCpuUtilization(average),
                        service.service().metricMemoryUtilization(average)))
                .width(6)
                .build());
    }

    /** A queue consumer's backlog, as its scaling sees it, on the dashboard. */
    public void watchBacklog(String name, IMetric backlog) {
        dashboard.addWidgets(GraphWidget.Builder.create().title(name + " backlog").left(List.of(backlog)).width(6)
                .build());
    }

    /** Alarms on sustained CPU above 80 % and on less than 2 GiB of free storage of an RDS instance. */
    public void watchDatabase(Database database) {
        DatabaseInstance instance = database.instance();
        alarm("DatabaseCpu", "Database CPU above 80 % for 15 minutes",
                database.load(MetricOptions.builder().period(FIVE_MINUTES).statistic("Average").build()),
                80, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
        alarm("DatabaseStorage", "Database free storage below 2 GiB",
                instance.metricFreeStorageSpace(MetricOptions.builder().period(FIVE_MINUTES).statistic("Minimum")
                        .build()),
                2L * 1024 * 1024 * 1024, ComparisonOperator.LESS_THAN_THRESHOLD, 1);
        databaseWidget(database);
    }

    /** Alarms when a serverless database stays at its maximum capacity for 15 minutes: it needs a higher ceiling. */
    public void watchServerlessDatabase(ServerlessDatabase database, double maxCapacity) {
        alarm("DatabaseCapacity", "Database at its maximum of " + maxCapacity + " ACU for 15 minutes",
                database.load(MetricOptions.builder().period(FIVE_MINUTES).statistic("Minimum").build()),
                maxCapacity, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 3);
        databaseWidget(database);
    }

    private void databaseWidget(JobStore database) {
        dashboard.addWidgets(GraphWidget.Builder.create()
                .title("Database")
                .left(List.of(database.load(MetricOptions.builder().period(FIVE_MINUTES).build())))
                .right(List.of(database.connections(MetricOptions.builder().period(FIVE_MINUTES).build())))
                .width(12)
                .build());
    }

    /**
     * Alarms when more than {@code percent} % of the API's requests end in a 5xx over two of three 5-minute periods,
     * for an API Gateway HTTP API.
     */
    public void watchHttpApi(IHttpStage stage, double percent) {
        MetricOptions sum = MetricOptions.builder().period(FIVE_MINUTES).statistic("Sum").build();
        MathExpression errorRate = MathExpression.Builder.create()
                .expression("IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)")
                .usingMetrics(Map.<String, IMetric>of(
                        "requests", stage.metricCount(sum),
                        "errors", stage.metricServerError(sum)))
                .label("5xx %")
                .period(FIVE_MINUTES)
                .build();
        watchApi(errorRate, percent, stage.metricCount(sum),
                stage.metricLatency(MetricOptions.builder().period(FIVE_MINUTES).statistic("p95").build()));
    }

    /** The API's 5xx alarm and its widgets, whichever front door counts the requests. */
    private void watchApi(MathExpression errorRate, double percent, IMetric requests, IMetric latency) {
        Alarm alarm = Alarm.Builder.create(this, "Api5xxRate")
                .alarmDescription("More than " + percent + " % of API requests answered 5xx")
                .metric(errorRate)
                .threshold(percent)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        notify(alarm);
        dashboard.addWidgets(
                GraphWidget.Builder.create().title("API").left(List.of(requests)).right(List.of(errorRate)).width(12)
                        .build(),
                GraphWidget.Builder.create().title("API latency").left(List.of(latency)).width(12).build());
    }

    /**
     * Signalbox's own metrics, as the application publishes them to CloudWatch (see CloudWatchMeters in the
     * application): jobs by outcome, queue lag, bytes in, route failures and the JVM's live heap, on the dashboard;
     * alarms when a job fails for a reason of the service (it went to the dead-letter queue) and when messages are
     * taken off their queue long after they were sent.
     */
    public void watchSignalbox() {
        MetricOptions sum = MetricOptions.builder().period(FIVE_MINUTES).statistic("Sum").build();
        List<IMetric> outcomes = new ArrayList<>();
        for (String outcome : List.of("succeeded", "failed", "undeliverable")) {
            outcomes.add(signalbox("signalbox.jobs.count", Map.of("outcome", outcome), sum));
        }
        alarm("JobsUndeliverable", "Jobs failed for a reason of the service: their messages went to the"
                        + " dead-letter queue",
                signalbox("signalbox.jobs.count", Map.of("outcome", "undeliverable"), sum),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1);
        IMetric lag = signalbox("signalbox.queue.message.age.max", Map.of(),
                MetricOptions.builder().period(FIVE_MINUTES).statistic("Maximum").build());
        alarm("QueueLag", "Messages are taken off their queue more than 10 minutes after they were sent",
                lag, QUEUE_LAG_ALARM.toSeconds().doubleValue(), ComparisonOperator.GREATER_THAN_THRESHOLD, 2);
        dashboard.addWidgets(
                GraphWidget.Builder.create().title("Jobs by outcome").left(outcomes).width(8).build(),
                GraphWidget.Builder.create().title("Queue lag (s)").left(List.of(lag)).width(8).build(),
                GraphWidget.Builder.create().title("Bytes in, route failures")
                        .left(List.of(signalbox("signalbox.job.input.count", Map.of(), sum)))
                        .right(List.of(signalbox("camel.exchanges.failed.count", Map.of(), sum)))
                        .width(8).build(),
                GraphWidget.Builder.create().title("JVM live heap (bytes)")
                        .left(List.of(signalbox("jvm.gc.live.data.size.value", Map.of(),
                                MetricOptions.builder().period(FIVE_MINUTES).statistic("Maximum").build())))
                        .width(8).build());
    }

    private IMetric signalbox(String name, Map<String, String> dimensions, MetricOptions options) {
        return Metric.Builder.create()
                .namespace(props.metricsNamespace())
                .metricName(name)
                .dimensionsMap(dimensions)
                .period(options.getPeriod())
                .statistic(options.getStatistic())
                .build();
    }

    /** Adds the alarm status overview; call once every alarm exists. */
    public void addAlarmOverview() {
        dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(24).build());
    }

    private void alarm(String id, String description, IMetric metric, double threshold,
            ComparisonOperator comparison, int evaluationPeriods) {
        notify(Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(evaluationPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    private void notify(Alarm alarm) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    private void budget(Props props) {
        List<CfnBudget.SubscriberProperty> subscribers = new ArrayList<>();
        subscribers.add(CfnBudget.SubscriberProperty.builder().subscriptionType("SNS").address(topic.getTopicArn())
                .build());
        props.alarmEmail().ifPresent(email -> subscribers.add(CfnBudget.SubscriberProperty.builder()
                .subscriptionType("EMAIL").address(email).build()));
        CfnBudget.Builder.create(this, "Budget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName(props.name() + "-monthly")
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder().amount(props.budgetUsd()).unit("USD").build())
                        .build())
                .notificationsWithSubscribers(List.of(
                        notification("ACTUAL", BUDGET_ALERT_PERCENT, subscribers),
                        notification("FORECASTED", 100, subscribers)))
                .build();
    }

    private static CfnBudget.NotificationWithSubscribersProperty notification(String type, double percent,
            List<CfnBudget.SubscriberProperty> subscribers) {
        return CfnBudget.NotificationWithSubscribersProperty.builder()
                .notification(CfnBudget.NotificationProperty.builder()
                        .notificationType(type)
                        .comparisonOperator("GREATER_THAN")
                        .threshold(percent)
                        .thresholdType("PERCENTAGE")
                        .build())
                .subscribers(subscribers)
                .build();
    }

    private static MetricOptions max(Duration period) {
        return MetricOptions.builder().period(period).statistic("Maximum").build();
    }
}
