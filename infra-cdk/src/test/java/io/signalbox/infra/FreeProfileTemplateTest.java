package io.signalbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.signalbox.infra.construct.WorkQueue;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;

class FreeProfileTemplateTest {

    private static SynthesizedProfile free;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        free = SynthesizedProfile.synthesize(DeploymentProfile.FREE, Map.of());
        template = free.template();
    }

    @Test
    void buildsOneArm64ImageThatAllFourServicesRun() {
        template.resourceCountIs("AWS::ECS::Service", 4);
        template.resourceCountIs("AWS::ECS::TaskDefinition", 4);
        Set<String> images = new TreeSet<>();
        Set<String> routeGroups = new TreeSet<>();
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> properties = SynthesizedProfile.properties(taskDefinition);
            assertThat(properties.get("RuntimePlatform"))
                    .isEqualTo(Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"));
            Map<?, ?> container = (Map<?, ?>) ((List<?>) properties.get("ContainerDefinitions")).get(0);
            images.add(IamRendering.render(container.get("Image")));
            routeGroups.add(environment(container).get("ROUTE_GROUPS"));
        }
        assertThat(images).hasSize(1);
        assertThat(routeGroups).containsExactly("api", "cleanup", "ingest", "process");
        assertThat(free.stack().getNode().findAll().stream()
                .filter(node -> node instanceof DockerImageAsset))
                .hasSize(1);
    }

    @Test
    void givesEveryServiceTheContainerContractWithCredentialsOnlyAsSecrets() {
        Set<String> expectedEnvironment = Set.of("MICRONAUT_ENVIRONMENTS", "AWS_REGION", "SIGNALBOX_BUCKET",
                "SIGNALBOX_EVENTS_QUEUE", "SIGNALBOX_JOBS_QUEUE", "SIGNALBOX_DOWNLOADS_QUEUE", "SIGNALBOX_EVENTS_DLQ",
                "SIGNALBOX_JOBS_DLQ", "SIGNALBOX_DOWNLOADS_DLQ", "SIGNALBOX_DB_HOST", "SIGNALBOX_DB_PORT",
                "SIGNALBOX_DB_NAME", "SIGNALBOX_RETENTION", "SIGNALBOX_PICKUP_GRACE", "SIGNALBOX_LOG_FORMAT",
                "SIGNALBOX_PROCESS_VISIBILITY_TIMEOUT_SECONDS", "ROUTE_GROUPS", "SIGNALBOX_CAMEL_SHUTDOWN_TIMEOUT");
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            Map<String, String> environment = environment(container);
            assertThat(environment.keySet()).containsExactlyInAnyOrderElementsOf(expectedEnvironment);
            assertThat(environment).containsEntry("MICRONAUT_ENVIRONMENTS", "aws")
                    .containsEntry("SIGNALBOX_LOG_FORMAT", "json")
                    .containsEntry("SIGNALBOX_RETENTION", "24h")
                    .containsEntry("SIGNALBOX_PICKUP_GRACE", "10m")
                    .containsEntry("SIGNALBOX_DB_NAME", "signalbox");
            assertThat(environment.get("SIGNALBOX_JOBS_QUEUE")).isEqualTo("<" + free.logicalId(free.stack()
                    .queue("jobs").queue()) + ".QueueName>");
            Set<String> secrets = ((List<?>) container.get("Secrets")).stream()
                    .map(secret -> String.valueOf(((Map<?, ?>) secret).get("Name")))
                    .collect(Collectors.toSet());
            boolean api = "api".equals(environment.get("ROUTE_GROUPS"));
            assertThat(secrets).containsExactlyInAnyOrderElementsOf(api
                    ? Set.of("SIGNALBOX_DB_USERNAME", "SIGNALBOX_DB_PASSWORD", "SIGNALBOX_API_KEY")
                    : Set.of("SIGNALBOX_DB_USERNAME", "SIGNALBOX_DB_PASSWORD"));
            assertThat(container.get("ReadonlyRootFilesystem")).isEqualTo(true);
        }
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Environment", Match.arrayWith(List.of(Map.of("Name", "ROUTE_GROUPS", "Value", "api"))),
                        "Secrets", Match.arrayWith(List.of(Map.of(
                                "Name", "SIGNALBOX_DB_PASSWORD",
                                "ValueFrom", Map.of("Fn::Join", List.of("", List.of(
                                        Map.of("Ref", Match.stringLikeRegexp("DatabaseInstanceSecretAttachment.*")),
                                        ":password::"))))))))))));
    }

    @Test
    void drainsJobsOnSigtermUntilShortlyBeforeEcsKillsTheTask() {
        Map<String, Integer> stopTimeouts = new TreeMap<>();
        Map<String, String> drains = new TreeMap<>();
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            String group = environment(container).get("ROUTE_GROUPS");
            stopTimeouts.put(group, (Integer) container.get("StopTimeout"));
            drains.put(group, environment(container).get("SIGNALBOX_CAMEL_SHUTDOWN_TIMEOUT"));
        }
        assertThat(stopTimeouts).isEqualTo(Map.of("api", 30, "ingest", 30, "process", 120, "cleanup", 30));
        assertThat(drains).isEqualTo(Map.of("api", "25s", "ingest", "25s", "process", "115s", "cleanup", "25s"));
    }

    @Test
    void keepsTheMetricsEndpointOffThePublicListener() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Match.objectLike(Map.of(
                "Priority", 1,
                "Conditions", List.of(Map.of("Field", "path-pattern",
                        "PathPatternConfig", Map.of("Values", List.of("/prometheus", "/prometheus/*")))),
                "Actions", List.of(Match.objectLike(Map.of(
                        "Type", "fixed-response",
                        "FixedResponseConfig", Match.objectLike(Map.of("StatusCode", "404"))))))));
    }

    @Test
    void givesTheServicesNoPartnerSettingsWhenThereAreNoPartners() {
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            assertThat(environment(container).keySet()).noneMatch(name -> name.startsWith("SIGNALBOX_PARTNERS"));
        }
    }

    @Test
    void holdsJobMessagesForTheJobsQueuesOwnVisibilityTimeout() {
        Map<String, Object> jobsQueue = SynthesizedProfile.properties(free.resources("AWS::SQS::Queue")
                .get(free.logicalId(free.stack().queue("jobs").queue())));
        assertThat(jobsQueue.get("VisibilityTimeout")).isEqualTo(300);
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            assertThat(environment(container)).containsEntry("SIGNALBOX_PROCESS_VISIBILITY_TIMEOUT_SECONDS", "300");
        }
    }

    @Test
    void keepsTheBucketPrivateEncryptedTlsOnlyAndShortLived() {
        String bucket = free.logicalId(free.stack().storage().bucket());
        template.hasResource("AWS::S3::Bucket", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of(
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "VersioningConfiguration", Match.absent(),
                        "LifecycleConfiguration", Map.of("Rules", List.of(Map.of(
                                "Id", "expire-files-in-flight",
                                "Status", "Enabled",
                                "ExpirationInDays", 2,
                                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)))),
                        "CorsConfiguration", Match.objectLike(Map.of("CorsRules", List.of(Match.objectLike(Map.of(
                                "AllowedMethods", List.of("PUT", "POST", "GET", "HEAD"),
                                "ExposedHeaders", List.of("ETag"))))))))
        )));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
                "Bucket", Map.of("Ref", bucket),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "s3:*",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void givesEachQueueADeadLetterQueueAfterFiveReceivesWithSqsManagedEncryption() {
        Map<String, Integer> visibility = Map.of("events", 60, "jobs", 300, "downloads", 60);
        for (Map.Entry<String, Integer> entry : visibility.entrySet()) {
            WorkQueue queue = free.stack().queue(entry.getKey());
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", "signalbox-free-" + entry.getKey(),
                    "VisibilityTimeout", entry.getValue(),
                    "MessageRetentionPeriod", 345600,
                    "SqsManagedSseEnabled", true,
                    "RedrivePolicy", Map.of(
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(free.logicalId(queue.deadLetterQueue()),
                                    "Arn")),
                            "maxReceiveCount", 5)));
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", "signalbox-free-" + entry.getKey() + "-dlq",
                    "MessageRetentionPeriod", 1209600,
                    "SqsManagedSseEnabled", true));
        }
        template.resourceCountIs("AWS::SQS::Queue", 6);
        for (Map<String, Object> policy : free.resources("AWS::SQS::QueuePolicy").values()) {
            assertThat(IamRendering.render(SynthesizedProfile.properties(policy).get("PolicyDocument")))
                    .contains("aws:SecureTransport=false");
        }
    }

    @Test
    void sendsUploadAndInboxCreationsAndOutboxRemovalsToTheEventsQueue() {
        String events = free.logicalId(free.stack().queue("events").queue());
        Map<String, Object> queueArn = Map.of("Fn::GetAtt", List.of(events, "Arn"));
        template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
                "BucketName", Map.of("Ref", free.logicalId(free.stack().storage().bucket())),
                "NotificationConfiguration", Map.of("QueueConfigurations", List.of(
                        notification("s3:ObjectCreated:*", "uploads/", queueArn),
                        notification("s3:ObjectCreated:*", "inbox/", queueArn),
                        notification("s3:ObjectRemoved:*", "outbox/", queueArn))),
                "Managed", true,
                "SkipDestinationValidation", false,
                "ServiceToken", Match.anyValue()));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", events)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "s3.amazonaws.com"),
                        "Condition", Map.of("ArnLike", Map.of("aws:SourceArn",
                                Map.of("Fn::GetAtt", List.of(free.logicalId(free.stack().storage().bucket()), "Arn"))))
                ))))))));
    }

    @Test
    void deliversCloudTrailGetObjectEventsUnderOutboxToTheDownloadsQueue() {
        String bucket = free.logicalId(free.stack().storage().bucket());
        template.hasResourceProperties("AWS::CloudTrail::Trail", Match.objectLike(Map.of(
                "IsLogging", true,
                "IsMultiRegionTrail", false,
                "EnableLogFileValidation", true,
                "EventSelectors", Match.absent(),
                "AdvancedEventSelectors", List.of(Map.of(
                        "Name", "GetObject under outbox/",
                        "FieldSelectors", List.of(
                                Map.of("Field", "eventCategory", "Equals", List.of("Data")),
                                Map.of("Field", "resources.type", "Equals", List.of("AWS::S3::Object")),
                                Map.of("Field", "eventName", "Equals", List.of("GetObject")),
                                Map.of("Field", "resources.ARN", "StartsWith", List.of(Map.of("Fn::Join", List.of("",
                                        List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/outbox/")))))))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("AWS API Call via CloudTrail"),
                        "detail", Map.of(
                                "eventSource", List.of("s3.amazonaws.com"),
                                "eventName", List.of("GetObject"),
                                "requestParameters", Map.of(
                                        "bucketName", List.of(Map.of("Ref", bucket)),
                                        "key", List.of(Map.of("prefix", "outbox/"))))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt",
                        List.of(free.logicalId(free.stack().queue("downloads").queue()), "Arn"))))))));
    }

    @Test
    void scalesProcessOnBacklogPerTaskFromZero() {
        String service = free.logicalId(free.stack().service(RouteGroup.PROCESS).service());
        template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "DesiredCount", 0,
                "CapacityProviderStrategy", List.of(
                        Map.of("CapacityProvider", "FARGATE_SPOT", "Weight", 4),
                        Map.of("CapacityProvider", "FARGATE", "Weight", 1)))));
        Map<String, Map<String, Object>> targets = free.template().findResources("AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "MinCapacity", 0,
                        "MaxCapacity", 2)))));
        assertThat(targets).hasSize(1);
        assertThat(IamRendering.render(SynthesizedProfile.properties(targets.values().iterator().next())
                .get("ResourceId"))).contains("<" + service + ".Name>");
        String target = targets.keySet().iterator().next();
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "StepScaling",
                "ScalingTargetId", Map.of("Ref", target),
                "StepScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "AdjustmentType", "ExactCapacity",
                        "StepAdjustments", List.of(Map.of("MetricIntervalUpperBound", 0, "ScalingAdjustment", 0)))))));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "StepScaling",
                "ScalingTargetId", Map.of("Ref", target),
                "StepScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "AdjustmentType", "ExactCapacity",
                        "StepAdjustments", List.of(
                                Map.of("MetricIntervalLowerBound", 0, "MetricIntervalUpperBound", 2,
                                        "ScalingAdjustment", 1),
                                Map.of("MetricIntervalLowerBound", 2, "ScalingAdjustment", 2)))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 0.5,
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Expression", "visible + inflight + dead")))))));
    }

    @Test
    void scalesTheApiOnCpuAndOnRequestsPerTask() {
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "PredefinedMetricSpecification", Map.of("PredefinedMetricType",
                                "ECSServiceAverageCPUUtilization"),
                        "TargetValue", 60)))));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "PredefinedMetricSpecification", Match.objectLike(Map.of("PredefinedMetricType",
                                "ALBRequestCountPerTarget")),
                        "TargetValue", 600)))));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of(
                "MinCapacity", 1, "MaxCapacity", 2, "ScalableDimension", "ecs:service:DesiredCount")));
    }

    @Test
    void putsTheApiBehindPlainHttpWithReadinessChecksWhenNoDomainIsGiven() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Protocol", "HTTP", "Port", 80)));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "Port", 8080,
                "TargetType", "ip",
                "HealthCheckPath", "/health/readiness",
                "Matcher", Map.of("HttpCode", "200"))));
    }

    @Test
    void admitsInternetTrafficOnlyAtTheLoadBalancer() {
        List<String> openToTheWorld = free.resources("AWS::EC2::SecurityGroup").entrySet().stream()
                .filter(entry -> IamRendering.render(SynthesizedProfile.properties(entry.getValue())
                        .get("SecurityGroupIngress")).contains("0.0.0.0/0"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(openToTheWorld).hasSize(1).allMatch(id -> id.startsWith("EndpointSecurityGroup"));
        String apiGroup = free.logicalId(free.stack().service(RouteGroup.API).securityGroup());
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "GroupId", Map.of("Fn::GetAtt", List.of(apiGroup, "GroupId")),
                "FromPort", 8080, "ToPort", 8080,
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                        "EndpointSecurityGroup.*"), "GroupId")))));
        for (RouteGroup group : List.of(RouteGroup.INGEST, RouteGroup.PROCESS, RouteGroup.CLEANUP)) {
            String workerGroup = free.logicalId(free.stack().service(group).securityGroup());
            assertThat(free.template().findResources("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of("GroupId", Map.of("Fn::GetAtt",
                            List.of(workerGroup, "GroupId"))))))))
                    .as("ingress into the %s tasks", group.value())
                    .isEmpty();
        }
    }

    @Test
    void runsTasksInPublicSubnetsWithoutNatAndReachesS3ThroughAGatewayEndpoint() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::Subnet", 4);
        for (Map<String, Object> service : free.resources("AWS::ECS::Service").values()) {
            assertThat(IamRendering.render(SynthesizedProfile.properties(service).get("NetworkConfiguration")))
                    .contains("AssignPublicIp=ENABLED");
        }
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of(
                "VpcEndpointType", "Gateway")));
        template.hasResourceProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of(
                "TrafficType", "REJECT", "LogDestinationType", "s3")));
    }

    @Test
    void runsASingleAzMicroDatabaseWithSevenDaysOfBackups() {
        template.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "Engine", "postgres",
                "EngineVersion", "17.6",
                "DBInstanceClass", "db.t4g.micro",
                "AllocatedStorage", "20",
                "StorageType", "gp3",
                "StorageEncrypted", true,
                "MultiAZ", false,
                "BackupRetentionPeriod", 7,
                "PubliclyAccessible", false)));
        template.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "DeletionProtection", false,
                "MaxAllocatedStorage", Match.absent(),
                "DBName", "signalbox")));
        template.hasResourceProperties("AWS::RDS::DBParameterGroup", Match.objectLike(Map.of(
                "Parameters", Map.of("rds.force_ssl", "1"))));
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectLike(Map.of(
                        "SecretStringTemplate", "{\"username\":\"signalbox\"}",
                        "GenerateStringKey", "password")))));
    }

    @Test
    void alertsOneTopicFromEveryAlarmAndBudgetsAtEightyPercent() {
        Map<String, Map<String, Object>> alarms = free.template().findResources("AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "AlarmActions", Match.arrayWith(List.of(Map.of("Ref",
                                free.logicalId(free.stack().getNode().findChild("Operations")
                                        .getNode().findChild("Alarms"))))))))));
        Set<String> described = alarms.values().stream()
                .map(alarm -> String.valueOf(SynthesizedProfile.properties(alarm).get("AlarmDescription")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(described).anyMatch(text -> text.startsWith("Messages in events-dlq"))
                .anyMatch(text -> text.startsWith("Messages in jobs-dlq"))
                .anyMatch(text -> text.startsWith("Messages in downloads-dlq"))
                .anyMatch(text -> text.startsWith("The oldest jobs message waits longer than"))
                .anyMatch(text -> text.contains("answered 5xx"))
                .anyMatch(text -> text.startsWith("Tasks crashed or failed to start"))
                .anyMatch(text -> text.startsWith("Database CPU"))
                .anyMatch(text -> text.startsWith("Database free storage"));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Match.objectLike(Map.of(
                        "source", List.of("aws.ecs"),
                        "detail", Match.objectLike(Map.of("stopCode",
                                List.of("EssentialContainerExited", "TaskFailedToStart"))))))));
        template.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of(
                        "BudgetType", "COST", "TimeUnit", "MONTHLY",
                        "BudgetLimit", Map.of("Amount", 30, "Unit", "USD"))),
                "NotificationsWithSubscribers", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Notification", Map.of("NotificationType", "ACTUAL", "ComparisonOperator", "GREATER_THAN",
                                "Threshold", 80, "ThresholdType", "PERCENTAGE"))))))));
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        for (Map<String, Object> logGroup : free.resources("AWS::Logs::LogGroup").values()) {
            assertThat(SynthesizedProfile.properties(logGroup)).containsEntry("RetentionInDays", 14);
        }
    }

    @Test
    void confinesEachServiceToItsPrefixesAndQueues() {
        String bucket = free.logicalId(free.stack().storage().bucket());
        String events = free.logicalId(free.stack().queue("events").queue());
        String eventsDlq = free.logicalId(free.stack().queue("events").deadLetterQueue());
        String jobs = free.logicalId(free.stack().queue("jobs").queue());
        String jobsDlq = free.logicalId(free.stack().queue("jobs").deadLetterQueue());
        String downloads = free.logicalId(free.stack().queue("downloads").queue());
        String downloadsDlq = free.logicalId(free.stack().queue("downloads").deadLetterQueue());
        String processTasks = "arn:<AWS::Partition>:ecs:" + free.stack().getRegion() + ":<AWS::AccountId>:task/<"
                + free.logicalId(free.stack().getNode().findChild("Cluster")) + ">/*";

        assertThat(grants(RouteGroup.API)).isEqualTo(new Grants(bucket)
                .objects("s3:PutObject", "uploads/")
                .objects("s3:AbortMultipartUpload", "uploads/")
                .objects("s3:ListMultipartUploadParts", "uploads/")
                .objects("s3:GetObject", "uploads/", "results/")
                .objects("s3:DeleteObject", "uploads/", "results/")
                .add("s3:ListBucket if {StringLike={s3:prefix=[uploads/,uploads/*,results/,results/*]}}",
                        "<" + bucket + ".Arn>")
                .toMap());
        assertThat(grants(RouteGroup.INGEST)).isEqualTo(new Grants(bucket)
                .queue(events, Grants.CONSUME)
                .queue(eventsDlq, Grants.CONSUME)
                .queue(jobs, Grants.SEND)
                .objects("s3:GetObject", "inbox/", "uploads/")
                .objects("s3:PutObject", "inbox/", "uploads/", "outbox/")
                .objects("s3:AbortMultipartUpload", "uploads/")
                .objects("s3:ListMultipartUploadParts", "uploads/")
                .objects("s3:DeleteObject", "inbox/", "uploads/")
                .add("s3:ListBucket", "<" + bucket + ".Arn>")
                .toMap());
        assertThat(grants(RouteGroup.PROCESS)).isEqualTo(new Grants(bucket)
                .queue(jobs, Grants.CONSUME)
                .queue(jobsDlq, Grants.CONSUME)
                .objects("s3:GetObject", "uploads/")
                .objects("s3:PutObject", "results/", "outbox/")
                .objects("s3:AbortMultipartUpload", "results/", "outbox/")
                .objects("s3:ListMultipartUploadParts", "results/", "outbox/")
                .objects("s3:DeleteObject", "results/")
                .add("s3:ListBucket if {StringLike={s3:prefix=[results/,results/*]}}", "<" + bucket + ".Arn>")
                .add("ecs:GetTaskProtection", processTasks)
                .add("ecs:UpdateTaskProtection", processTasks)
                .toMap());
        assertThat(grants(RouteGroup.CLEANUP)).isEqualTo(new Grants(bucket)
                .queue(downloads, Grants.CONSUME)
                .queue(downloadsDlq, Grants.CONSUME)
                .queue(eventsDlq, Grants.CONSUME)
                .objects("s3:DeleteObject", "uploads/", "results/", "outbox/", "inbox/")
                .objects("s3:AbortMultipartUpload", "uploads/")
                .objects("s3:ListMultipartUploadParts", "uploads/")
                .add("s3:ListBucket if {StringLike={s3:prefix=[uploads/,uploads/*,results/,results/*,outbox/,outbox/*,"
                        + "inbox/,inbox/*]}}", "<" + bucket + ".Arn>")
                .toMap());
    }

    private Map<String, Set<String>> grants(RouteGroup group) {
        return IamRendering.grantsOf(free, free.logicalId(free.stack().service(group).taskRole()));
    }

    private static Map<String, Object> notification(String event, String prefix, Map<String, Object> queueArn) {
        return Map.of("Events", List.of(event),
                "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", prefix)))),
                "QueueArn", queueArn);
    }

    private static Map<String, String> environment(Map<?, ?> container) {
        return ((List<?>) container.get("Environment")).stream()
                .map(item -> (Map<?, ?>) item)
                .collect(Collectors.toMap(item -> String.valueOf(item.get("Name")),
                        item -> IamRendering.render(item.get("Value"))));
    }
}
