package io.signalbox.infra;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.signalbox.infra.construct.ApiEndpoint;
import io.signalbox.infra.construct.BacklogScaling;
import io.signalbox.infra.construct.BacklogSteps;
import io.signalbox.infra.construct.Database;
import io.signalbox.infra.construct.DownloadEvents;
import io.signalbox.infra.construct.LogArchive;
import io.signalbox.infra.construct.Network;
import io.signalbox.infra.construct.Operations;
import io.signalbox.infra.construct.Partners;
import io.signalbox.infra.construct.RuleAcknowledgments;
import io.signalbox.infra.construct.Service;
import io.signalbox.infra.construct.StaticSite;
import io.signalbox.infra.construct.TaskRange;
import io.signalbox.infra.construct.TaskSize;
import io.signalbox.infra.construct.UploadStorage;
import io.signalbox.infra.construct.WorkQueue;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The whole deployment of one profile: storage, queues and their event wiring, the database, one Fargate service
 * per route group from one image, the API's load balancer, partners, operations and, when there is a page, the
 * static front end. The stack only composes; each concern is its own construct.
 */
public final class SignalboxStack extends Stack {

    /**
     * Paths of the repository that never belong in the image's build context, on top of the .dockerignore. The
     * infrastructure sources are left out too (the image build needs only infra-cdk/pom.xml for the reactor), so
     * that changing the stack does not change the image.
     */
    public static final List<String> IMAGE_EXCLUDES = List.of(
            ".git", "**/target", ".signalbox", "infra-cdk/cdk.out", "infra-cdk/src", "**/node_modules", ".idea",
            "*.iml");
    public static final Duration EVENTS_VISIBILITY = Duration.seconds(60);
    public static final Duration JOBS_VISIBILITY = Duration.seconds(300);
    public static final Duration DOWNLOADS_VISIBILITY = Duration.seconds(60);
    public static final int MAX_RECEIVE_COUNT = 5;
    /** Jobs one process task may have waiting or running before another task is started. */
    public static final int JOBS_PER_PROCESS_TASK = 2;
    public static final int EVENTS_PER_INGEST_TASK = 100;

    private final DeploymentSettings settings;
    private final UploadStorage storage;
    private final Partners partners;
    private final Map<String, WorkQueue> queues = new LinkedHashMap<>();
    private final Map<RouteGroup, Service> services = new EnumMap<>(RouteGroup.class);

    public SignalboxStack(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id, StackProps.builder()
                .env(Environment.builder().region(settings.region()).build())
                .description("Signalbox, " + settings.profile().id() + " profile: indicators, signals and backtests"
                        + " over large price files, handed back once and then forgotten")
                .build());
        this.settings = settings;
        DeploymentProfile profile = settings.profile();
        String prefix = profile.resourcePrefix();
        Tags.of(this).add("project", "signalbox");
        Tags.of(this).add("signalbox:profile", profile.id());

        LogArchive logs = new LogArchive(this, "Logs", new LogArchive.Props(profile == DeploymentProfile.FREE ? 30 : 90));
        Network network = new Network(this, "Network", new Network.Props(profile.natGateways(), logs.bucket()));
        storage = new UploadStorage(this, "Storage", new UploadStorage.Props(
                profile.kmsEncryption(), settings.expireAfterDays(), settings.corsOrigins(), logs.bucket()));

        WorkQueue events = new WorkQueue(this, "Events",
                new WorkQueue.Props(prefix + "-events", EVENTS_VISIBILITY, MAX_RECEIVE_COUNT));
        WorkQueue jobs = new WorkQueue(this, "Jobs",
                new WorkQueue.Props(prefix + "-jobs", JOBS_VISIBILITY, MAX_RECEIVE_COUNT));
        WorkQueue downloads = new WorkQueue(this, "Downloads",
                new WorkQueue.Props(prefix + "-downloads", DOWNLOADS_VISIBILITY, MAX_RECEIVE_COUNT));
        queues.put("events", events);
        queues.put("jobs", jobs);
        queues.put("downloads", downloads);
        storage.sendObjectEventsTo(events.queue());
        new DownloadEvents(this, "DownloadEvents",
                new DownloadEvents.Props(storage.bucket(), "outbox/", downloads.queue(), logs.bucket()));

        Database database = new Database(this, "Database", new Database.Props(
                network.vpc(), network.databaseSubnets(), prefix + "-db", profile.databaseInstanceType(),
                profile.multiAz(), profile.backupDays(), profile.deletionProtection(),
                profile.maxAllocatedStorageGiB(), profile.logRetention()));
        software.amazon.awscdk.services.secretsmanager.Secret apiKey =
                software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "ApiKey")
                        .description("Signalbox: API key of the first tenant, seeded by the api service")
                        .generateSecretString(SecretStringGenerator.builder()
                                .passwordLength(40)
                                .excludePunctuation(true)
                                .build())
                        .build();
        RuleAcknowledgments.acknowledge(apiKey, "AwsSolutions-SMG4",
                "The key is handed to the tenant once; rotating it would lock the tenant out. Issue new keys"
                        + " through the API instead.");

        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(network.vpc())
                .enableFargateCapacityProviders(true)
                .containerInsightsV2(profile.containerInsights() ? ContainerInsights.ENABLED : ContainerInsights.DISABLED)
                .build();
        if (!profile.containerInsights()) {
            RuleAcknowledgments.acknowledge(cluster, "AwsSolutions-ECS4",
                    "Container Insights is billed per metric; the free profile relies on the services' own CPU and"
                            + " memory metrics and the task-crash alarm. The scale profile enables it.");
        }
        DockerImageAsset image = DockerImageAsset.Builder.create(this, "Image")
                .directory(settings.imageDirectory().toString())
                .platform(Platform.LINUX_ARM64)
                .exclude(IMAGE_EXCLUDES)
                .ignoreMode(IgnoreMode.DOCKER)
                .build();

        Map<String, String> environment = new LinkedHashMap<>(Map.ofEntries(
                Map.entry("MICRONAUT_ENVIRONMENTS", "aws"),
                Map.entry("AWS_REGION", getRegion()),
                Map.entry("SIGNALBOX_BUCKET", storage.bucket().getBucketName()),
                Map.entry("SIGNALBOX_EVENTS_QUEUE", events.queue().getQueueName()),
                Map.entry("SIGNALBOX_JOBS_QUEUE", jobs.queue().getQueueName()),
                Map.entry("SIGNALBOX_DOWNLOADS_QUEUE", downloads.queue().getQueueName()),
                Map.entry("SIGNALBOX_EVENTS_DLQ", events.deadLetterQueue().getQueueName()),
                Map.entry("SIGNALBOX_JOBS_DLQ", jobs.deadLetterQueue().getQueueName()),
                Map.entry("SIGNALBOX_DOWNLOADS_DLQ", downloads.deadLetterQueue().getQueueName()),
                Map.entry("SIGNALBOX_DB_HOST", database.instance().getDbInstanceEndpointAddress()),
                Map.entry("SIGNALBOX_DB_PORT", database.instance().getDbInstanceEndpointPort()),
                Map.entry("SIGNALBOX_DB_NAME", Database.DATABASE_NAME),
                Map.entry("SIGNALBOX_RETENTION", settings.retentionSetting()),
                Map.entry("SIGNALBOX_PICKUP_GRACE", settings.pickupGraceSetting()),
                Map.entry("SIGNALBOX_LOG_FORMAT", "json"),
                Map.entry("SIGNALBOX_PROCESS_VISIBILITY_TIMEOUT_SECONDS",
                        String.valueOf(JOBS_VISIBILITY.toSeconds().intValue()))));
        environment.putAll(partnerEnvironment());
        Map<String, Secret> databaseSecrets = Map.of(
                "SIGNALBOX_DB_USERNAME", Secret.fromSecretsManager(database.secret(), "username"),
                "SIGNALBOX_DB_PASSWORD", Secret.fromSecretsManager(database.secret(), "password"));
        Map<String, Secret> apiSecrets = new HashMap<>(databaseSecrets);
        apiSecrets.put("SIGNALBOX_API_KEY", Secret.fromSecretsManager(apiKey));

        ServiceFactory factory = new ServiceFactory(network, cluster, ContainerImage.fromDockerImageAsset(image),
                environment, profile.logRetention());
        Service api = factory.create(RouteGroup.API, profile.apiSize(), profile.apiTasks().min(),
                apiCapacity(profile.apiTasks()), apiSecrets, Duration.seconds(30), true);
        Service ingest = factory.create(RouteGroup.INGEST, profile.workerSize(), profile.workerTasks().min(),
                workerCapacity(), databaseSecrets, Duration.seconds(30), false);
        Service process = factory.create(RouteGroup.PROCESS, profile.processSize(), profile.processTasks().min(),
                workerCapacity(), databaseSecrets, Duration.seconds(120), false);
        Service cleanup = factory.create(RouteGroup.CLEANUP, profile.workerSize(), 1,
                workerCapacity(), databaseSecrets, Duration.seconds(30), false);
        for (Service service : List.of(api, ingest, process, cleanup)) {
            database.allowFrom(service.securityGroup(), "PostgreSQL from the " + service.getNode().getId());
        }

        storage.grantWrite(api.taskRole(), "uploads/");
        storage.grantMultipart(api.taskRole(), "uploads/");
        storage.grantRead(api.taskRole(), "uploads/", "results/");
        storage.grantDelete(api.taskRole(), "uploads/", "results/");
        storage.grantList(api.taskRole(), "uploads/", "results/");

        events.queue().grantConsumeMessages(ingest.taskRole());
        events.deadLetterQueue().grantConsumeMessages(ingest.taskRole());
        jobs.queue().grantSendMessages(ingest.taskRole());
        storage.grantRead(ingest.taskRole(), "inbox/", "uploads/");
        storage.grantWrite(ingest.taskRole(), "inbox/", "uploads/", "outbox/");
        storage.grantMultipart(ingest.taskRole(), "uploads/");
        storage.grantDelete(ingest.taskRole(), "inbox/", "uploads/");
        storage.grantExistenceChecks(ingest.taskRole());

        jobs.queue().grantConsumeMessages(process.taskRole());
        jobs.deadLetterQueue().grantConsumeMessages(process.taskRole());
        storage.grantRead(process.taskRole(), "uploads/");
        storage.grantWrite(process.taskRole(), "results/", "outbox/");
        storage.grantMultipart(process.taskRole(), "results/", "outbox/");
        storage.grantDelete(process.taskRole(), "results/");
        storage.grantList(process.taskRole(), "results/");
        process.allowTaskProtection();

        downloads.queue().grantConsumeMessages(cleanup.taskRole());
        downloads.deadLetterQueue().grantConsumeMessages(cleanup.taskRole());
        events.deadLetterQueue().grantConsumeMessages(cleanup.taskRole());
        storage.grantDelete(cleanup.taskRole(), "uploads/", "results/", "outbox/", "inbox/");
        storage.grantList(cleanup.taskRole(), "uploads/", "results/", "outbox/", "inbox/");
        // Aborts the presigned uploads of jobs that expired, were cancelled or failed before completing them.
        storage.grantMultipart(cleanup.taskRole(), "uploads/");

        ApiEndpoint endpoint = new ApiEndpoint(this, "Endpoint", new ApiEndpoint.Props(
                network.vpc(), network.loadBalancerSubnets(), settings.domain(), logs.bucket()));
        ApplicationTargetGroup apiTargets = endpoint.route(api);
        ScalableTaskCount apiScaling = api.scaleWithin(profile.apiTasks());
        apiScaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(60)
                .scaleInCooldown(Duration.minutes(5))
                .scaleOutCooldown(Duration.minutes(1))
                .build());
        apiScaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
                .requestsPerTarget(600)
                .targetGroup(apiTargets)
                .scaleInCooldown(Duration.minutes(5))
                .scaleOutCooldown(Duration.minutes(1))
                .build());

        BacklogScaling processScaling = new BacklogScaling(this, "ProcessScaling", new BacklogScaling.Props(
                process.scaleWithin(profile.processTasks()), jobs,
                new BacklogSteps(profile.processTasks().min(), profile.processTasks().max(), JOBS_PER_PROCESS_TASK)));
        TaskRange ingestTasks = profile.workerTasks();
        if (ingestTasks.max() > ingestTasks.min()) {
            new BacklogScaling(this, "IngestScaling", new BacklogScaling.Props(
                    ingest.scaleWithin(ingestTasks), events,
                    new BacklogSteps(ingestTasks.min(), ingestTasks.max(), EVENTS_PER_INGEST_TASK)));
        }

        partners = new Partners(this, "Partners", new Partners.Props(settings.partners(), storage));
        settings.webDirectory().ifPresent(directory ->
                new StaticSite(this, "Web", new StaticSite.Props(directory, logs.bucket())));

        Operations operations = new Operations(this, "Operations",
                new Operations.Props(getStackName(), settings.budgetUsd(), settings.alarmEmail()));
        operations.watchQueue("events", events, Duration.minutes(15));
        operations.watchQueue("jobs", jobs, Duration.hours(1));
        operations.watchQueue("downloads", downloads, Duration.minutes(15));
        operations.watchLoadBalancer(endpoint.loadBalancer(), 5);
        operations.watchTasks(cluster);
        operations.watchDatabase(database.instance());
        operations.watchBacklog("process", processScaling.backlog());
        for (Map.Entry<RouteGroup, Service> entry : services.entrySet()) {
            operations.watchService(entry.getKey().value(), entry.getValue());
        }
        operations.addAlarmOverview();

        output("BucketName", storage.bucket().getBucketName(), "The bucket (uploads/, results/, inbox/, outbox/)");
        output("DatabaseSecretArn", database.secret().getSecretArn(), "Database credentials");
        output("ApiKeySecretArn", apiKey.getSecretArn(), "API key of the first tenant (read it once)");
        output("AlarmTopicArn", operations.topic().getTopicArn(), "Subscribe here to receive alarms");
    }

    public DeploymentSettings settings() {
        return settings;
    }

    public Partners partners() {
        return partners;
    }

    public UploadStorage storage() {
        return storage;
    }

    /** A work queue by name: {@code events}, {@code jobs} or {@code downloads}. */
    public WorkQueue queue(String name) {
        WorkQueue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue named '" + name + "'; expected one of " + queues.keySet());
        }
        return queue;
    }

    /** The service of a route group. */
    public Service service(RouteGroup group) {
        return services.get(group);
    }

    /**
     * The partners the application serves, with their default recipes. Every service gets them: each makes the
     * partners exist in the database at start, recipes included, and services told different things would overwrite
     * each other's rows.
     */
    private Map<String, String> partnerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        if (!settings.partners().isEmpty()) {
            environment.put("SIGNALBOX_PARTNERS", settings.partnerNamesSetting());
        }
        settings.partnerRecipes().forEach((partner, recipe) -> environment.put(
                "SIGNALBOX_PARTNERS_RECIPES_" + partner.toUpperCase(Locale.ROOT).replace('-', '_'), recipe));
        return environment;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /** The API keeps its minimum on regular Fargate and bursts onto Fargate Spot. */
    private static List<CapacityProviderStrategy> apiCapacity(TaskRange range) {
        return List.of(
                CapacityProviderStrategy.builder().capacityProvider("FARGATE").base(range.min()).weight(0).build(),
                CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(1).build());
    }

    /**
     * Queue consumers run mostly on Fargate Spot: an interrupted task gets SIGTERM, releases its message and SQS
     * hands it to another task. One in five tasks stays on regular Fargate in case Spot capacity runs out.
     */
    private static List<CapacityProviderStrategy> workerCapacity() {
        return List.of(
                CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(4).build(),
                CapacityProviderStrategy.builder().capacityProvider("FARGATE").weight(1).build());
    }

    /** Builds the services of this stack, which differ only in route group, size, capacity and secrets. */
    private final class ServiceFactory {
        private final Network network;
        private final Cluster cluster;
        private final ContainerImage image;
        private final Map<String, String> environment;
        private final RetentionDays logRetention;

        ServiceFactory(Network network, Cluster cluster, ContainerImage image, Map<String, String> environment,
                RetentionDays logRetention) {
            this.network = network;
            this.cluster = cluster;
            this.image = image;
            this.environment = environment;
            this.logRetention = logRetention;
        }

        Service create(RouteGroup group, TaskSize size, int desiredCount, List<CapacityProviderStrategy> capacity,
                Map<String, Secret> secrets, Duration stopTimeout, boolean servesHttp) {
            Service service = new Service(SignalboxStack.this, group.serviceId(), new Service.Props(
                    group.value(), cluster, network.vpc(), network.taskSubnets(), network.publicTasks(), image,
                    size, desiredCount, capacity, environment, secrets, logRetention, stopTimeout, servesHttp));
            services.put(group, service);
            return service;
        }
    }
}
