package io.signalbox.infra;

import io.signalbox.topology.RouteGroup;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.signalbox.infra.construct.HttpApiFrontDoor;
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
    void buildsOneArm64ImageThatAnAlwaysOnCoreServiceAndAProcessServiceRun() {
        template.resourceCountIs("AWS::ECS::Service", 2);
        template.resourceCountIs("AWS::ECS::TaskDefinition", 2);
        Set<String> images = new TreeSet<>();
        Map<String, String> routeGroups = new TreeMap<>();
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> properties = SynthesizedProfile.properties(taskDefinition);
            assertThat(properties.get("RuntimePlatform"))
                    .isEqualTo(Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"));
            Map<?, ?> container = (Map<?, ?>) ((List<?>) properties.get("ContainerDefinitions")).get(0);
            images.add(IamRendering.render(container.get("Image")));
            routeGroups.put(environment(container).get("ROUTE_GROUPS"), properties.get("Cpu") + "/"
                    + properties.get("Memory"));
        }
        assertThat(images).hasSize(1);
        assertThat(routeGroups).isEqualTo(Map.of("api,ingest,cleanup", "256/1024", "process", "512/1024"));
        assertThat(free.stack().roleOf(RouteGroup.API)).isSameAs(free.stack().roleOf(RouteGroup.CLEANUP))
                .isSameAs(free.stack().roleOf(RouteGroup.INGEST)).isNotSameAs(free.stack().roleOf(RouteGroup.PROCESS));
        assertThat(free.stack().getNode().findAll().stream()
                .filter(node -> node instanceof DockerImageAsset))
                .hasSize(1);
    }

    @Test
    void checksEveryContainersLivenessWithoutDependingOnAnHttpClientInTheImage() {
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            Map<?, ?> check = (Map<?, ?>) container.get("HealthCheck");
            assertThat(check).as("health check of %s", environment(container).get("ROUTE_GROUPS")).isNotNull();
            assertThat(((List<?>) check.get("Command")).subList(0, 3)).isEqualTo(List.of("CMD", "bash", "-c"));
            assertThat(String.valueOf(((List<?>) check.get("Command")).get(3)))
                    .contains("/dev/tcp/127.0.0.1/8080").contains("GET /health/liveness ").contains("' 200 '");
            assertThat(check.get("StartPeriod")).isEqualTo(180);
        }
    }

    @Test
    void givesEveryServiceTheContainerContractWithCredentialsOnlyAsSecrets() {
        Set<String> expectedEnvironment = Set.of("MICRONAUT_ENVIRONMENTS", "SIGNALBOX_METRICS_NAMESPACE",
                "AWS_REGION", "SIGNALBOX_AWS_ACCOUNT_ID", "SIGNALBOX_BUCKET", "SIGNALBOX_EVENTS_QUEUE",
                "SIGNALBOX_JOBS_QUEUE", "SIGNALBOX_DOWNLOADS_QUEUE", "SIGNALBOX_JOBS_DLQ",
                "SIGNALBOX_QUEUES_WAIT_TIME_SECONDS", "SIGNALBOX_DB_HOST", "SIGNALBOX_DB_PORT", "SIGNALBOX_DB_NAME",
                "SIGNALBOX_DB_CONNECTION_TIMEOUT", "SIGNALBOX_RETENTION", "SIGNALBOX_PICKUP_GRACE",
                "SIGNALBOX_LOG_FORMAT", "SIGNALBOX_SERVER_IDLE_TIMEOUT", "SIGNALBOX_PROCESS_VISIBILITY_TIMEOUT_SECONDS",
                "SIGNALBOX_DB_POOL_SIZE", "SIGNALBOX_DB_MIGRATE", "SIGNALBOX_PROCESS_SCALING_CLUSTER",
                "SIGNALBOX_PROCESS_SCALING_SERVICE", "ROUTE_GROUPS", "SIGNALBOX_CAMEL_SHUTDOWN_TIMEOUT",
                // The repository has the web page, so the stack serves it and the API allows exactly its origin.
                "MICRONAUT_SERVER_CORS_ENABLED", "MICRONAUT_SERVER_CORS_CONFIGURATIONS_WEB_ALLOWED_ORIGINS");
        Map<String, String> migrates = new TreeMap<>();
        Map<String, String> idleSleeps = new TreeMap<>();
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            Map<String, String> environment = environment(container);
            if (environment.containsKey("SIGNALBOX_CLEANUP_IDLE_SLEEP")) {
                idleSleeps.put(environment.get("ROUTE_GROUPS"), environment.get("SIGNALBOX_CLEANUP_IDLE_SLEEP"));
            }
            environment.keySet().remove("SIGNALBOX_CLEANUP_IDLE_SLEEP");
            assertThat(environment.keySet()).containsExactlyInAnyOrderElementsOf(expectedEnvironment);
            assertThat(environment).containsEntry("MICRONAUT_ENVIRONMENTS", "aws")
                    .containsEntry("SIGNALBOX_METRICS_NAMESPACE", "Signalbox/free")
                    .containsEntry("SIGNALBOX_AWS_ACCOUNT_ID", "<AWS::AccountId>")
                    .containsEntry("SIGNALBOX_LOG_FORMAT", "json")
                    .containsEntry("SIGNALBOX_RETENTION", "24h")
                    .containsEntry("SIGNALBOX_PICKUP_GRACE", "10m")
                    .containsEntry("SIGNALBOX_QUEUES_WAIT_TIME_SECONDS", "20")
                    .containsEntry("SIGNALBOX_DB_CONNECTION_TIMEOUT", "40000")
                    .containsEntry("SIGNALBOX_DB_NAME", "signalbox");
            assertThat(environment.get("SIGNALBOX_JOBS_QUEUE")).isEqualTo("<" + free.logicalId(free.stack()
                    .queue("jobs").queue()) + ".QueueName>");
            migrates.put(environment.get("ROUTE_GROUPS"), environment.get("SIGNALBOX_DB_MIGRATE"));
            Set<String> secrets = ((List<?>) container.get("Secrets")).stream()
                    .map(secret -> String.valueOf(((Map<?, ?>) secret).get("Name")))
                    .collect(Collectors.toSet());
            boolean api = environment.get("ROUTE_GROUPS").contains("api");
            assertThat(secrets).containsExactlyInAnyOrderElementsOf(api
                    ? Set.of("SIGNALBOX_DB_USERNAME", "SIGNALBOX_DB_PASSWORD", "SIGNALBOX_API_KEY")
                    : Set.of("SIGNALBOX_DB_USERNAME", "SIGNALBOX_DB_PASSWORD"));
            assertThat(container.get("ReadonlyRootFilesystem")).isEqualTo(true);
        }
        assertThat(migrates).as("only the service with the API migrates; the other waits for the schema")
                .isEqualTo(Map.of("api,ingest,cleanup", "true", "process", "false"));
        assertThat(idleSleeps).as("the cleanup lets the database pause where every job passes through its process")
                .isEqualTo(Map.of("api,ingest,cleanup", "1h"));
    }

    @Test
    void keepsTheServersIdleConnectionsOpenLongerThanTheFrontDoorWaits() {
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            String idle = environment(container).get("SIGNALBOX_SERVER_IDLE_TIMEOUT");
            assertThat(Integer.parseInt(idle.replace("s", "")))
                    .isGreaterThan(HttpApiFrontDoor.IDLE_TIMEOUT.toSeconds().intValue());
        }
    }

    @Test
    void sizesEachServicesDatabasePoolSoThatEveryTaskAtItsMaximumFitsTheDatabase() {
        Map<String, String> pools = new TreeMap<>();
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            pools.put(environment(container).get("ROUTE_GROUPS"), environment(container).get("SIGNALBOX_DB_POOL_SIZE"));
        }
        assertThat(pools).isEqualTo(Map.of("api,ingest,cleanup", "4", "process", "3"));
        assertThat(DeploymentProfile.FREE.maxDatabaseConnections()).isEqualTo(1 * 4 + 2 * 3);
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
        assertThat(stopTimeouts).isEqualTo(Map.of("api,ingest,cleanup", 30, "process", 120));
        assertThat(drains).isEqualTo(Map.of("api,ingest,cleanup", "25s", "process", "115s"));
    }

    @Test
    void servesTheApiThroughAnHttpApiAndAVpcLinkToTheCoreTasksFoundInCloudMap() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Match.objectLike(Map.of("ProtocolType", "HTTP")));
        template.resourceCountIs("AWS::ApiGatewayV2::VpcLink", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Match.objectLike(Map.of(
                "IntegrationType", "HTTP_PROXY",
                "ConnectionType", "VPC_LINK",
                "IntegrationUri", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("CoreService.*CloudmapService.*"),
                        "Arn")))));
        template.hasResourceProperties("AWS::ServiceDiscovery::Service", Match.objectLike(Map.of(
                "DnsConfig", Match.objectLike(Map.of("DnsRecords", List.of(Map.of("Type", "SRV", "TTL", 10)))))));
        Set<String> routes = free.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(route -> String.valueOf(SynthesizedProfile.properties(route).get("RouteKey")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).as("health, metrics and Jolokia are not routed")
                .containsExactlyInAnyOrder("ANY /v1", "ANY /v1/{proxy+}", "ANY /openapi.yml", "ANY /docs",
                        "ANY /docs/{proxy+}");
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp(".*\\$context.status.*"))),
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100))));
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
                        "CorsConfiguration", Match.objectLike(Map.of("CorsRules", Match.arrayWith(List.of(
                                Match.objectLike(Map.of("ExposedHeaders", Match.arrayWith(List.of("ETag"))))))))))
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
    void deliversCloudTrailGetObjectEventsUnderOutboxAndResultsToTheDownloadsQueue() {
        String bucket = free.logicalId(free.stack().storage().bucket());
        template.hasResourceProperties("AWS::CloudTrail::Trail", Match.objectLike(Map.of(
                "IsLogging", true,
                "IsMultiRegionTrail", false,
                "EnableLogFileValidation", true,
                "EventSelectors", Match.absent(),
                "AdvancedEventSelectors", List.of(Map.of(
                        "Name", "GetObject under outbox/ and results/",
                        "FieldSelectors", List.of(
                                Map.of("Field", "eventCategory", "Equals", List.of("Data")),
                                Map.of("Field", "resources.type", "Equals", List.of("AWS::S3::Object")),
                                Map.of("Field", "eventName", "Equals", List.of("GetObject")),
                                Map.of("Field", "resources.ARN", "StartsWith", List.of(
                                        Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt",
                                                List.of(bucket, "Arn")), "/outbox/"))),
                                        Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt",
                                                List.of(bucket, "Arn")), "/results/")))))))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("AWS API Call via CloudTrail"),
                        "detail", Map.of(
                                "eventSource", List.of("s3.amazonaws.com"),
                                "eventName", List.of("GetObject"),
                                "requestParameters", Map.of(
                                        "bucketName", List.of(Map.of("Ref", bucket)),
                                        "key", List.of(Map.of("prefix", "outbox/"),
                                                Map.of("prefix", "results/"))))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt",
                        List.of(free.logicalId(free.stack().queue("downloads").queue()), "Arn"))))))));
    }

    @Test
    void startsProcessFromZeroWhenIngestQueuesAJobAddsTasksOnBacklogAndLetsItStopItself() {
        String service = free.logicalId(free.stack().service(RouteGroup.PROCESS).service());
        template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "ServiceName", "signalbox-free-process",
                "DesiredCount", 0,
                "CapacityProviderStrategy", List.of(
                        Map.of("CapacityProvider", "FARGATE", "Base", 1, "Weight", 1),
                        Map.of("CapacityProvider", "FARGATE_SPOT", "Weight", 4)))));
        Map<String, Map<String, Object>> targets = free.template().findResources("AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "MinCapacity", 0,
                        "MaxCapacity", 2)))));
        assertThat(targets).hasSize(1);
        assertThat(IamRendering.render(SynthesizedProfile.properties(targets.values().iterator().next())
                .get("ResourceId"))).contains("<" + service + ".Name>");
        String target = targets.keySet().iterator().next();
        assertThat(free.template().findResources("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("ScalingTargetId", Map.of("Ref", target)))))))
                .as("no alarm scales process in: it would stop a task ingest just started").hasSize(1);
        for (Map<String, Object> taskDefinition : free.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            assertThat(environment(container)).containsEntry("SIGNALBOX_PROCESS_SCALING_CLUSTER", "signalbox-free")
                    .containsEntry("SIGNALBOX_PROCESS_SCALING_SERVICE", "signalbox-free-process");
        }
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
    void keepsOneCoreTaskOnRegularFargateAndScalesOnlyProcess() {
        String core = free.logicalId(free.stack().service(RouteGroup.API).service());
        template.hasResource("AWS::ECS::Service", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "ServiceName", "signalbox-free-core",
                "DesiredCount", 1,
                "CapacityProviderStrategy", List.of(
                        Map.of("CapacityProvider", "FARGATE", "Base", 1, "Weight", 1),
                        Map.of("CapacityProvider", "FARGATE_SPOT", "Weight", 4)))))));
        assertThat(free.template().findResources("AWS::ApplicationAutoScaling::ScalableTarget").values())
                .singleElement()
                .satisfies(target -> assertThat(IamRendering.render(SynthesizedProfile.properties(target)
                        .get("ResourceId"))).doesNotContain(core));
    }



    @Test
    void admitsNoInternetTrafficIntoTheVpcAndTheCoreTasksOnlyFromTheVpcLink() {
        List<String> openToTheWorld = free.resources("AWS::EC2::SecurityGroup").entrySet().stream()
                .filter(entry -> IamRendering.render(SynthesizedProfile.properties(entry.getValue())
                        .get("SecurityGroupIngress")).contains("0.0.0.0/0"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(openToTheWorld).isEmpty();
        String coreGroup = free.logicalId(free.stack().service(RouteGroup.API).securityGroup());
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "GroupId", Map.of("Fn::GetAtt", List.of(coreGroup, "GroupId")),
                "FromPort", 8080, "ToPort", 8080,
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                        "EndpointLinkSecurityGroup.*"), "GroupId")))));
        String processGroup = free.logicalId(free.stack().service(RouteGroup.PROCESS).securityGroup());
        assertThat(free.template().findResources("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("GroupId", Map.of("Fn::GetAtt",
                        List.of(processGroup, "GroupId"))))))))
                .as("ingress into the process tasks")
                .isEmpty();
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
    void runsAServerlessDatabaseThatPausesAtZeroCapacityWithSevenDaysOfBackups() {
        template.resourceCountIs("AWS::RDS::DBInstance", 1);
        template.hasResourceProperties("AWS::RDS::DBCluster", Match.objectLike(Map.of(
                "Engine", "aurora-postgresql",
                "EngineVersion", "16.6",
                "StorageEncrypted", true,
                "BackupRetentionPeriod", 7,
                "DeletionProtection", false,
                "DatabaseName", "signalbox",
                "ServerlessV2ScalingConfiguration", Map.of("MinCapacity", 0, "MaxCapacity", 2,
                        "SecondsUntilAutoPause", 300))));
        template.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "DBInstanceClass", "db.serverless",
                "PubliclyAccessible", false)));
        template.hasResourceProperties("AWS::RDS::DBClusterParameterGroup", Match.objectLike(Map.of(
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
                .anyMatch(text -> text.startsWith("Database at its maximum of 2.0 ACU"))
                .anyMatch(text -> text.startsWith("Jobs failed for a reason of the service"))
                .anyMatch(text -> text.startsWith("Messages are taken off their queue more than 10 minutes"));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Match.objectLike(Map.of(
                        "source", List.of("aws.ecs"),
                        "detail", Match.objectLike(Map.of("stopCode",
                                List.of("EssentialContainerExited", "TaskFailedToStart"))))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", free.logicalId(free.stack().getNode().findChild("Operations")
                                .getNode().findChild("Alarms"))),
                        "InputTransformer", Match.objectLike(Map.of("InputTemplate",
                                Match.stringLikeRegexp(".*stoppedReason.*|.*<detail-stoppedReason>.*")))))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "Signalbox/free",
                "MetricName", "signalbox.jobs.count",
                "Dimensions", List.of(Map.of("Name", "outcome", "Value", "undeliverable")))));
        template.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of(
                        "BudgetType", "COST", "TimeUnit", "MONTHLY",
                        "BudgetLimit", Map.of("Amount", 25, "Unit", "USD"))),
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

        String metrics = "cloudwatch:PutMetricData if {StringEquals={cloudwatch:namespace=Signalbox/free}}";
        String processService = "arn:<AWS::Partition>:ecs:" + free.stack().getRegion()
                + ":<AWS::AccountId>:service/signalbox-free/signalbox-free-process";

        assertThat(grants(RouteGroup.API)).as("the core role: api, ingest and cleanup").isEqualTo(new Grants(bucket)
                .objects("s3:PutObject", "uploads/", "inbox/", "outbox/")
                .objects("s3:AbortMultipartUpload", "uploads/", "results/", "outbox/", "inbox/")
                .objects("s3:ListMultipartUploadParts", "uploads/", "results/", "outbox/", "inbox/")
                .objects("s3:GetObject", "uploads/", "results/", "inbox/")
                .objects("s3:DeleteObject", "uploads/", "results/", "inbox/", "outbox/")
                .add("s3:ListBucket if {StringLike={s3:prefix=[uploads/,uploads/*,results/,results/*]}}",
                        "<" + bucket + ".Arn>")
                .add("s3:ListBucket if {StringLike={s3:prefix=[uploads/,uploads/*,results/,results/*,outbox/,outbox/*,"
                        + "inbox/,inbox/*]}}", "<" + bucket + ".Arn>")
                .add("s3:ListBucketMultipartUploads", "<" + bucket + ".Arn>")
                .add("s3:ListBucket", "<" + bucket + ".Arn>")
                .queue(events, Grants.CONSUME)
                .queue(jobs, Grants.SEND)
                .queue(downloads, Grants.CONSUME)
                .add(metrics, "*")
                .add("ecs:DescribeServices", processService)
                .add("ecs:UpdateService", processService)
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
                .add("s3:ListBucketMultipartUploads", "<" + bucket + ".Arn>")
                .add("ecs:GetTaskProtection", processTasks)
                .add("ecs:UpdateTaskProtection", processTasks)
                .add(metrics, "*")
                .add("ecs:DescribeServices", processService)
                .add("ecs:UpdateService", processService)
                .toMap());
        assertThat(IamRendering.render(grants(RouteGroup.API)) + IamRendering.render(grants(RouteGroup.PROCESS)))
                .as("no role may read the dead-letter queues of events and downloads, which nothing consumes")
                .doesNotContain(eventsDlq).doesNotContain(downloadsDlq);
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
