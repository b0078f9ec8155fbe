package io.signalbox.infra.construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.AwsLogDriverMode;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;

import software.amazon.awscdk.services.ecs.FargatePlatformVersion;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.Protocol;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Fargate service running some route groups: the shared image on ARM64 with {@code ROUTE_GROUPS} set, its own
 * task role (which starts with no permissions), its own log group, a read-only root file system with a scratch
 * {@code /tmp}, a container health check on the liveness endpoint (so ECS replaces a task whose JVM is broken, and a
 * deployment whose tasks never become healthy rolls back), and a security group that admits nothing unless a front
 * door is attached.
 */
public final class Service extends Construct {

    public static final String CONTAINER_NAME = "signalbox";
    public static final int HTTP_PORT = 8080;
    /** Says only whether the JVM works; never depends on the database, S3 or SQS. */
    public static final String LIVENESS_PATH = "/health/liveness";
    /**
     * Asks the liveness endpoint with bash alone (the image has no HTTP client of its own to rely on) and succeeds on
     * a 200 status line.
     */
    static final List<String> LIVENESS_CHECK = List.of("CMD", "bash", "-c",
            "exec 3<>/dev/tcp/127.0.0.1/" + HTTP_PORT + " && printf 'GET " + LIVENESS_PATH
                    + " HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3"
                    + " && head -n 1 <&3 | grep -q ' 200 '");
    /** The application's drain time on SIGTERM, set from the stop timeout. */
    public static final String DRAIN_SETTING = "SIGNALBOX_CAMEL_SHUTDOWN_TIMEOUT";
    private static final long DRAIN_MARGIN_SECONDS = 5;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /**
     * @param routeGroup     names the service (e.g. {@code core} or {@code process}); lowercase
     * @param routeGroups    value of {@code ROUTE_GROUPS}, e.g. {@code api,ingest,cleanup}
     * @param serviceName    physical name of the ECS service, so that its tasks can be told it
     * @param clusterName    physical name of the cluster
     * @param cluster        the ECS cluster
     * @param vpc            the network
     * @param subnets        where the tasks run
     * @param assignPublicIp whether tasks get a public IP (public subnets without NAT)
     * @param image          the one application image
     * @param size           CPU and memory of a task
     * @param desiredCount   tasks at deployment, before autoscaling takes over
     * @param capacity       Fargate / Fargate Spot strategy
     * @param environment    plain, non-secret settings
     * @param secrets        settings injected from Secrets Manager
     * @param logRetention   retention of the service's log group
     * @param stopTimeout    time between SIGTERM and SIGKILL, at most 120 s on Fargate
     */
    public record Props(String routeGroup, String routeGroups, String serviceName, String clusterName,
            ICluster cluster, IVpc vpc,
            SubnetSelection subnets, boolean assignPublicIp, ContainerImage image, TaskSize size, int desiredCount,
            List<CapacityProviderStrategy> capacity, Map<String, String> environment, Map<String, Secret> secrets,
            RetentionDays logRetention, Duration stopTimeout) {
        public Props {
            if (routeGroup == null || !NAME.matcher(routeGroup).matches()) {
                throw new IllegalArgumentException("route group '" + routeGroup + "' is invalid; expected a"
                        + " lowercase name such as api");
            }
            if (routeGroups == null || !routeGroups.matches("[a-z]+(,[a-z]+)*")) {
                throw new IllegalArgumentException("service '" + routeGroup + "': route groups '" + routeGroups
                        + "' are invalid; expected a comma list such as api,ingest,cleanup");
            }
            if (serviceName == null || !serviceName.matches("[a-z][a-z0-9-]{0,254}")) {
                throw new IllegalArgumentException("service '" + routeGroup + "': service name '" + serviceName
                        + "' is invalid; expected lowercase letters, digits and '-'");
            }
            if (cluster == null || vpc == null || subnets == null || image == null || size == null
                    || logRetention == null || stopTimeout == null) {
                throw new IllegalArgumentException("service '" + routeGroup + "': cluster, vpc, subnets, image,"
                        + " size, logRetention and stopTimeout are required");
            }
            if (desiredCount < 0) {
                throw new IllegalArgumentException("service '" + routeGroup + "': desiredCount " + desiredCount
                        + " is invalid; expected >= 0");
            }
            if (capacity == null || capacity.isEmpty()) {
                throw new IllegalArgumentException("service '" + routeGroup + "': capacity needs at least one"
                        + " capacity provider");
            }
            long stopSeconds = stopTimeout.toSeconds().longValue();
            if (stopSeconds < 10 || stopSeconds > 120) {
                throw new IllegalArgumentException("service '" + routeGroup + "': stopTimeout " + stopSeconds
                        + " s is invalid; expected 10 to 120 s");
            }
            for (String owned : List.of("ROUTE_GROUPS", DRAIN_SETTING)) {
                if (environment.containsKey(owned)) {
                    throw new IllegalArgumentException("service '" + routeGroup + "': " + owned + " is set by the"
                            + " service itself");
                }
            }
            for (String name : secrets.keySet()) {
                if (environment.containsKey(name)) {
                    throw new IllegalArgumentException("service '" + routeGroup + "': " + name + " is both plain"
                            + " environment and a secret");
                }
            }
            capacity = List.copyOf(capacity);
            environment = Map.copyOf(environment);
            secrets = Map.copyOf(secrets);
        }
    }

    /**
     * How long the application drains on SIGTERM: a few seconds less than ECS waits before SIGKILL, so that it
     * closes its pools and exits 0 in time.
     */
    static long drainSeconds(Duration stopTimeout) {
        return stopTimeout.toSeconds().longValue() - DRAIN_MARGIN_SECONDS;
    }

    private final ICluster cluster;
    private final String clusterName;
    private final String serviceName;
    private final FargateService service;
    private final FargateTaskDefinition taskDefinition;
    private final SecurityGroup securityGroup;
    private final LogGroup logGroup;

    public Service(Construct scope, String id, Props props) {
        super(scope, id);
        cluster = props.cluster();
        clusterName = props.clusterName();
        serviceName = props.serviceName();
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Signalbox " + props.routeGroup() + " tasks")
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs over HTTPS");

        taskDefinition = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(props.size().cpu())
                .memoryLimitMiB(props.size().memoryMiB())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .volumes(List.of(Volume.builder().name("tmp").build()))
                .build();
        Map<String, String> environment = new TreeMap<>(props.environment());
        environment.put("ROUTE_GROUPS", props.routeGroups());
        environment.put(DRAIN_SETTING, drainSeconds(props.stopTimeout()) + "s");
        ContainerDefinitionOptions.Builder container = ContainerDefinitionOptions.builder()
                .containerName(CONTAINER_NAME)
                .image(props.image())
                .environment(environment)
                .secrets(props.secrets())
                .readonlyRootFilesystem(true)
                .stopTimeout(props.stopTimeout())
                .portMappings(List.of(PortMapping.builder()
                        .containerPort(HTTP_PORT)
                        .protocol(Protocol.TCP)
                        .build()))
                // The start period covers a JVM starting on a quarter of a vCPU and a process waiting for the schema.
                .healthCheck(HealthCheck.builder()
                        .command(LIVENESS_CHECK)
                        .interval(Duration.seconds(30))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(180))
                        .build())
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logGroup)
                        .streamPrefix(props.routeGroup())
                        .mode(AwsLogDriverMode.NON_BLOCKING)
                        .build()));
        ContainerDefinition definition = taskDefinition.addContainer("App", container.build());
        definition.addMountPoints(MountPoint.builder()
                .sourceVolume("tmp")
                .containerPath("/tmp")
                .readOnly(false)
                .build());

        service = FargateService.Builder.create(this, "Service")
                .serviceName(props.serviceName())
                .cluster(props.cluster())
                .taskDefinition(taskDefinition)
                .desiredCount(props.desiredCount())
                .capacityProviderStrategies(props.capacity())
                .platformVersion(FargatePlatformVersion.VERSION1_4)
                .vpcSubnets(props.subnets())
                .assignPublicIp(props.assignPublicIp())
                .securityGroups(List.of(securityGroup))
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .propagateTags(PropagatedTagSource.SERVICE)
                .enableExecuteCommand(false)
                .build();

        RuleAcknowledgments.acknowledge(taskDefinition, "AwsSolutions-ECS2",
                "Plain environment holds only names and settings (bucket, queues, route group); the database"
                        + " credentials and the API key are ECS secrets.");
        RuleAcknowledgments.acknowledge(taskDefinition, "AwsSolutions-IAM5[Resource::*]",
                "The execution role's ecr:GetAuthorizationToken has no resource-level permissions.");
    }

    /**
     * Lets the application ask the ECS agent to protect this service's tasks from scale-in while they run jobs. The
     * agent calls ECS with the task role's credentials; task ARNs are not known in advance, so the grant covers the
     * cluster's tasks.
     */
    public void allowTaskProtection() {
        Stack stack = Stack.of(this);
        taskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ecs:GetTaskProtection", "ecs:UpdateTaskProtection"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("ecs")
                        .resource("task")
                        .resourceName(cluster.getClusterName() + "/*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build())))
                .build());
        String clusterId = RuleAcknowledgments.logicalId((CfnElement) cluster.getNode().getDefaultChild());
        String region = nagName(stack.getRegion(), "<AWS::Region>");
        String account = nagName(stack.getAccount(), "<AWS::AccountId>");
        RuleAcknowledgments.acknowledge(taskRole(), "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecs:" + region
                        + ":" + account + ":task/<" + clusterId + ">/*]",
                "Task protection of this service's own tasks, whose ids are known only at run time; confined to the"
                        + " cluster.");
    }

    /**
     * Lets this service's tasks read and set the desired task count of {@code other} (which may be this service).
     *
     * @param why what they do with it, for the policy's readers
     */
    public void allowDesiredCountOf(Service other, String why) {
        taskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("DesiredCount" + Character.toUpperCase(other.getNode().getId().charAt(0))
                        + other.getNode().getId().substring(1).replaceAll("[^A-Za-z0-9]", ""))
                .effect(Effect.ALLOW)
                .actions(List.of("ecs:DescribeServices", "ecs:UpdateService"))
                .resources(List.of(other.arn()))
                .build());
    }

    /**
     * Lets the application publish its own metrics to CloudWatch, in its namespace only. PutMetricData has no
     * resource-level permissions; the namespace condition is what confines it.
     */
    public void allowMetrics(String namespace) {
        taskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(java.util.Map.of("StringEquals", java.util.Map.of("cloudwatch:namespace", namespace)))
                .build());
        RuleAcknowledgments.acknowledge(taskRole(), "AwsSolutions-IAM5[Resource::*]",
                "cloudwatch:PutMetricData has no resource-level permissions; a condition confines it to the"
                        + " namespace " + namespace + ".");
    }

    /** How cdk-nag names a value of an ARN: itself when known at synthesis, the pseudo parameter otherwise. */
    private static String nagName(String value, String pseudoParameter) {
        return Token.isUnresolved(value) ? pseudoParameter : value;
    }

    /**
     * The service's ARN, made of its cluster's and its own names: the service itself depends on its role's policy, so
     * a policy naming it through a reference would make a cycle.
     */
    public String arn() {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("ecs")
                .resource("service")
                .resourceName(clusterName + "/" + serviceName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    public FargateService service() {
        return service;
    }

    public FargateTaskDefinition taskDefinition() {
        return taskDefinition;
    }

    /** The role the application runs as; it has no permissions until they are granted. */
    public IRole taskRole() {
        return taskDefinition.getTaskRole();
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    public ScalableTaskCount scaleWithin(TaskRange range) {
        return service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(range.min())
                .maxCapacity(range.max())
                .build());
    }
}
