package io.signalbox.infra;

import io.signalbox.topology.RouteGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.signalbox.infra.construct.ApiEndpoint;
import io.signalbox.infra.construct.BacklogScaling;
import io.signalbox.infra.construct.BacklogSteps;
import io.signalbox.infra.construct.Database;
import io.signalbox.infra.construct.HttpApiFrontDoor;
import io.signalbox.infra.construct.JobStore;
import io.signalbox.infra.construct.ServerlessDatabase;
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
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
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
            ".git", "**/target", ".signalbox", "infra-cdk/cdk.out", "infra-cdk/src", "infra-cdk/aws-calls.txt",
            "**/node_modules", ".idea", "*.iml", "docs", ".github", ".ci", "**/*.md", "processors-bench");
    public static final Duration EVENTS_VISIBILITY = Duration.seconds(60);
    public static final Duration JOBS_VISIBILITY = Duration.seconds(300);
    public static final Duration DOWNLOADS_VISIBILITY = Duration.seconds(60);
    public static final int MAX_RECEIVE_COUNT = 5;
    /** Jobs one process task may have waiting or running before another task is started. */
    public static final int JOBS_PER_PROCESS_TASK = 2;
    public static final int EVENTS_PER_INGEST_TASK = 100;
    /** GetObject under these prefixes is a download: a partner's pickup, or a client's through a presigned URL. */
    public static final List<String> DOWNLOAD_PREFIXES = List.of("outbox/", "results/");
    /** How often the cleanup looks while jobs wait and nothing happens, in a profile whose database pauses. */
    public static final String CLEANUP_IDLE_SLEEP = "1h";
    /** The serverless database's ceiling, about 4 GiB of memory; idle it pauses at 0. */
    public static final double SERVERLESS_MAX_ACU = 2;
    /** Requests per second the free profile's front door passes on to its one small task, and its burst. */
    public static final int API_RATE_LIMIT = 50;
    public static final int API_BURST_LIMIT = 100;

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
        Optional<StaticSite> site = settings.webDirectory().map(directory ->
                new StaticSite(this, "Web", new StaticSite.Props(directory, logs.bucket())));
        List<String> browserOrigins = new ArrayList<>(settings.corsOrigins());
        site.ifPresent(page -> browserOrigins.add(0, page.origin()));
        storage = new UploadStorage(this, "Storage", new UploadStorage.Props(
                profile.kmsEncryption(), settings.expireAfterDays(), browserOrigins, logs.bucket()));

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
                new DownloadEvents.Props(storage.bucket(), DOWNLOAD_PREFIXES, downloads.queue(), logs.bucket()));

        JobStore database = profile.serverlessDatabase()
                ? new ServerlessDatabase(this, "Database", new ServerlessDatabase.Props(network.vpc(),
                        network.databaseSubnets(), prefix + "-db", SERVERLESS_MAX_ACU, profile.backupDays(),
                        profile.logRetention()))
                : new Database(this, "Database", new Database.Props(
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
                .clusterName(prefix)
                .vpc(network.vpc())
                .enableFargateCapacityProviders(true)
                .containerInsightsV2(profile.containerInsights() ? ContainerInsights.ENABLED : ContainerInsights.DISABLED)
                .build();
        if (!profile.containerInsights()) {
            RuleAcknowledgments.acknowledge(cluster, "AwsSolutions-ECS4",
                    "Container Insights is billed per metric; the free profile relies on the services' own CPU and"
                            + " memory metrics, Signalbox's own metrics and the task-crash alarm. The scale profile"
                            + " enables it.");
        }
        DockerImageAsset image = DockerImageAsset.Builder.create(this, "Image")
                .directory(settings.imageDirectory().toString())
                .platform(Platform.LINUX_ARM64)
                .exclude(IMAGE_EXCLUDES)
                .ignoreMode(IgnoreMode.DOCKER)
                .build();

        Duration frontDoorIdle = profile.loadBalancer() ? ApiEndpoint.IDLE_TIMEOUT : HttpApiFrontDoor.IDLE_TIMEOUT;
        Map<String, String> environment = new LinkedHashMap<>(Map.ofEntries(
                // Selects application-aws.yml: Signalbox's metrics go to CloudWatch.
                Map.entry("MICRONAUT_ENVIRONMENTS", "aws"),
                Map.entry("SIGNALBOX_METRICS_NAMESPACE", metricsNamespace()),
                Map.entry("AWS_REGION", getRegion()),
                Map.entry("SIGNALBOX_AWS_ACCOUNT_ID", getAccount()),
                Map.entry("SIGNALBOX_BUCKET", storage.bucket().getBucketName()),
                Map.entry("SIGNALBOX_EVENTS_QUEUE", events.queue().getQueueName()),
                Map.entry("SIGNALBOX_JOBS_QUEUE", jobs.queue().getQueueName()),
                Map.entry("SIGNALBOX_DOWNLOADS_QUEUE", downloads.queue().getQueueName()),
                Map.entry("SIGNALBOX_JOBS_DLQ", jobs.deadLetterQueue().getQueueName()),
                // Long polls of 20 s, SQS's longest, halve the receives an idle consumer is billed for.
                Map.entry("SIGNALBOX_QUEUES_WAIT_TIME_SECONDS", "20"),
                Map.entry("SIGNALBOX_DB_HOST", database.host()),
                Map.entry("SIGNALBOX_DB_PORT", database.port()),
                Map.entry("SIGNALBOX_DB_NAME", JobStore.DATABASE_NAME),
                // A serverless database resuming from a pause takes about 15 s to accept the first connection.
                Map.entry("SIGNALBOX_DB_CONNECTION_TIMEOUT", profile.serverlessDatabase() ? "40000" : "5000"),
                Map.entry("SIGNALBOX_RETENTION", settings.retentionSetting()),
                Map.entry("SIGNALBOX_PICKUP_GRACE", settings.pickupGraceSetting()),
                Map.entry("SIGNALBOX_LOG_FORMAT", "json"),
                Map.entry("SIGNALBOX_SERVER_IDLE_TIMEOUT", serverIdleTimeout(frontDoorIdle).toSeconds() + "s"),
                Map.entry("SIGNALBOX_PROCESS_VISIBILITY_TIMEOUT_SECONDS",
                        String.valueOf(JOBS_VISIBILITY.toSeconds().intValue()))));
        site.ifPresent(page -> {
            environment.put("MICRONAUT_SERVER_CORS_ENABLED", "true");
            environment.put("MICRONAUT_SERVER_CORS_CONFIGURATIONS_WEB_ALLOWED_ORIGINS", page.origin());
        });
        environment.putAll(partnerEnvironment());
        Map<String, Secret> databaseSecrets = Map.of(
                "SIGNALBOX_DB_USERNAME", Secret.fromSecretsManager(database.secret(), "username"),
                "SIGNALBOX_DB_PASSWORD", Secret.fromSecretsManager(database.secret(), "password"));

        for (DeploymentProfile.ServiceLayout layout : profile.services()) {
            Map<String, String> own = new LinkedHashMap<>(environment);
            own.put("SIGNALBOX_DB_POOL_SIZE", String.valueOf(layout.poolSize()));
            own.put("SIGNALBOX_DB_MIGRATE", String.valueOf(layout.migrates()));
            if (processStopsWhenIdle(profile)) {
                own.put("SIGNALBOX_PROCESS_SCALING_CLUSTER", prefix);
                own.put("SIGNALBOX_PROCESS_SCALING_SERVICE", prefix + "-" + profile.serviceOf(RouteGroup.PROCESS).name());
            }
            if (profile.serverlessDatabase() && layout.groups().containsAll(
                    List.of(RouteGroup.API, RouteGroup.INGEST, RouteGroup.CLEANUP))) {
                // Nothing else wakes the database while idle; the cleanup then looks hourly at most.
                own.put("SIGNALBOX_CLEANUP_IDLE_SLEEP", CLEANUP_IDLE_SLEEP);
            }
            Map<String, Secret> secrets = new HashMap<>(databaseSecrets);
            if (layout.groups().contains(RouteGroup.API)) {
                secrets.put("SIGNALBOX_API_KEY", Secret.fromSecretsManager(apiKey));
            }
            boolean processes = layout.groups().contains(RouteGroup.PROCESS);
            Service service = new Service(this, layout.constructId(), new Service.Props(
                    layout.name(), layout.routeGroups(), prefix + "-" + layout.name(), prefix, cluster, network.vpc(),
                    network.taskSubnets(), network.publicTasks(), ContainerImage.fromDockerImageAsset(image),
                    layout.size(), layout.tasks().min(), capacity(), own, secrets,
                    profile.logRetention(), processes ? Duration.seconds(120) : Duration.seconds(30)));
            database.allowFrom(service.securityGroup(), "PostgreSQL from the " + layout.name() + " tasks");
            service.allowMetrics(metricsNamespace());
            for (RouteGroup group : layout.groups()) {
                services.put(group, service);
            }
        }

        Service api = services.get(RouteGroup.API);
        storage.grantWrite(api.taskRole(), "uploads/");
        storage.grantMultipart(api.taskRole(), "uploads/", "results/");
        storage.grantListMultipartUploads(api.taskRole());
        storage.grantRead(api.taskRole(), "uploads/", "results/");
        storage.grantDelete(api.taskRole(), "uploads/", "results/");
        storage.grantList(api.taskRole(), "uploads/", "results/");

        Service ingest = services.get(RouteGroup.INGEST);
        events.queue().grantConsumeMessages(ingest.taskRole());
        jobs.queue().grantSendMessages(ingest.taskRole());
        storage.grantRead(ingest.taskRole(), "inbox/", "uploads/");
        storage.grantWrite(ingest.taskRole(), "inbox/", "uploads/", "outbox/");
        storage.grantMultipart(ingest.taskRole(), "uploads/");
        storage.grantDelete(ingest.taskRole(), "inbox/", "uploads/");
        storage.grantExistenceChecks(ingest.taskRole());

        Service process = services.get(RouteGroup.PROCESS);
        jobs.queue().grantConsumeMessages(process.taskRole());
        jobs.deadLetterQueue().grantConsumeMessages(process.taskRole());
        storage.grantRead(process.taskRole(), "uploads/");
        storage.grantWrite(process.taskRole(), "results/", "outbox/");
        storage.grantMultipart(process.taskRole(), "results/", "outbox/");
        storage.grantListMultipartUploads(process.taskRole());
        storage.grantDelete(process.taskRole(), "results/");
        storage.grantList(process.taskRole(), "results/");
        process.allowTaskProtection();
        if (processStopsWhenIdle(profile)) {
            // ingest starts the process service when it queues a job; a process task stops it when idle.
            process.allowDesiredCountOf(process, "its own service, which it stops when idle");
            ingest.allowDesiredCountOf(process, "the process service, which it starts when it queues a job");
        }

        Service cleanup = services.get(RouteGroup.CLEANUP);
        downloads.queue().grantConsumeMessages(cleanup.taskRole());
        storage.grantDelete(cleanup.taskRole(), "uploads/", "results/", "outbox/", "inbox/");
        storage.grantMultipart(cleanup.taskRole(), "uploads/", "results/", "outbox/", "inbox/");
        storage.grantListMultipartUploads(cleanup.taskRole());
        storage.grantList(cleanup.taskRole(), "uploads/", "results/", "outbox/", "inbox/");
        // Aborts the presigned uploads of jobs that expired, were cancelled or failed before completing them.
        storage.grantMultipart(cleanup.taskRole(), "uploads/");

        String apiUrl;
        Operations operations = new Operations(this, "Operations",
                new Operations.Props(getStackName(), settings.budgetUsd(), settings.alarmEmail(), metricsNamespace()));
        if (profile.loadBalancer()) {
            ApiEndpoint endpoint = new ApiEndpoint(this, "Endpoint", new ApiEndpoint.Props(
                    network.vpc(), network.loadBalancerSubnets(), settings.domain().orElseThrow(), logs.bucket()));
            ApplicationTargetGroup apiTargets = endpoint.route(api);
            DeploymentProfile.ServiceLayout apiLayout = profile.serviceOf(RouteGroup.API);
            ScalableTaskCount apiScaling = api.scaleWithin(apiLayout.tasks());
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
            operations.watchLoadBalancer(endpoint.loadBalancer(), 5);
            apiUrl = endpoint.url();
        } else {
            HttpApiFrontDoor door = new HttpApiFrontDoor(this, "Endpoint", new HttpApiFrontDoor.Props(
                    network.vpc(), network.taskSubnets(), prefix + ".internal", profile.logRetention(),
                    API_RATE_LIMIT, API_BURST_LIMIT));
            operations.watchHttpApi(door.route(api).getDefaultStage(), 5);
            apiUrl = door.url();
        }
        site.ifPresent(page -> page.deploy(apiUrl));

        DeploymentProfile.ServiceLayout processLayout = profile.serviceOf(RouteGroup.PROCESS);
        BacklogScaling processScaling = new BacklogScaling(this, "ProcessScaling", new BacklogScaling.Props(
                process.scaleWithin(processLayout.tasks()), jobs,
                new BacklogSteps(processLayout.tasks().min(), processLayout.tasks().max(), JOBS_PER_PROCESS_TASK),
                !processStopsWhenIdle(profile)));
        DeploymentProfile.ServiceLayout ingestLayout = profile.serviceOf(RouteGroup.INGEST);
        if (ingestLayout.groups().size() == 1 && ingestLayout.tasks().max() > ingestLayout.tasks().min()) {
            new BacklogScaling(this, "IngestScaling", new BacklogScaling.Props(
                    ingest.scaleWithin(ingestLayout.tasks()), events,
                    new BacklogSteps(ingestLayout.tasks().min(), ingestLayout.tasks().max(), EVENTS_PER_INGEST_TASK),
                    true));
        }

        partners = new Partners(this, "Partners", new Partners.Props(settings.partners(), storage));

        operations.watchQueue("events", events, Duration.minutes(15));
        operations.watchQueue("jobs", jobs, Duration.hours(1));
        operations.watchQueue("downloads", downloads, Duration.minutes(15));
        operations.watchTasks(cluster);
        if (database instanceof Database instance) {
            operations.watchDatabase(instance);
        } else {
            operations.watchServerlessDatabase((ServerlessDatabase) database, SERVERLESS_MAX_ACU);
        }
        operations.watchBacklog("process", processScaling.backlog());
        operations.watchSignalbox();
        for (DeploymentProfile.ServiceLayout layout : profile.services()) {
            operations.watchService(layout.name(), services.get(layout.groups().get(0)));
        }
        operations.addAlarmOverview();

        output("ApiUrl", apiUrl, "Base URL of the API (HTTPS)");
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

    /** The task role the route group's calls are made with: that of the service that runs the group. */
    public IRole roleOf(RouteGroup group) {
        return service(group).taskRole();
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

    /**
     * Whether the process service goes to zero tasks when idle. Then ingest starts it at once when it queues a job
     * (an alarm on the backlog would wait for SQS's metrics, which come up to 15 minutes late for a queue idle for
     * hours), and a process task stops it after {@code signalbox.process.scaling.idle-stop} without work; the
     * backlog alarm only adds tasks.
     */
    private static boolean processStopsWhenIdle(DeploymentProfile profile) {
        return profile.serviceOf(RouteGroup.PROCESS).tasks().min() == 0;
    }

    /** The namespace Signalbox's own metrics are published under in CloudWatch. */
    public String metricsNamespace() {
        return "Signalbox/" + settings.profile().id();
    }

    /** The server keeps an idle connection open a minute longer than the front door does, so that it never closes one first. */
    static Duration serverIdleTimeout(Duration frontDoorIdle) {
        return Duration.seconds(frontDoorIdle.toSeconds().longValue() + 60);
    }

    /**
     * The first task of a service runs on regular Fargate, so that a service of one task never waits for Spot
     * capacity that is not there; further tasks run mostly on Fargate Spot, with one in five on regular Fargate.
     * An interrupted Spot task gets SIGTERM, releases its message and SQS hands it to another task.
     */
    private static List<CapacityProviderStrategy> capacity() {
        return List.of(
                CapacityProviderStrategy.builder().capacityProvider("FARGATE").base(1).weight(1).build(),
                CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(4).build());
    }
}
