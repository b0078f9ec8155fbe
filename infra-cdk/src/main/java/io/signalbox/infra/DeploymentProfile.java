package io.signalbox.infra;

import io.signalbox.topology.RouteGroup;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.signalbox.infra.construct.TaskRange;
import io.signalbox.infra.construct.TaskSize;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The two sizes Signalbox is deployed in. {@code free} is built around direct transfers: bytes go straight between
 * clients and S3, so the API takes small requests only, behind a pay-per-request HTTPS front door (API Gateway HTTP
 * API), one small always-on task runs {@code api,ingest,cleanup}, {@code process} runs only while there is work and
 * the database (Aurora Serverless v2) pauses when idle. {@code scale} trades money for availability and throughput:
 * an HTTPS load balancer that also takes streamed uploads, a service per route group, NAT, a Multi-AZ RDS instance.
 * docs/deploy.md has the cost of both.
 */
public enum DeploymentProfile {

    FREE("free", 0, false, false, null, false, 7, false, null, false, RetentionDays.TWO_WEEKS,
            List.of(
                    new ServiceLayout("core", List.of(RouteGroup.API, RouteGroup.INGEST, RouteGroup.CLEANUP),
                            new TaskSize(256, 1024), new TaskRange(1, 1), 4),
                    new ServiceLayout("process", List.of(RouteGroup.PROCESS),
                            new TaskSize(512, 1024), new TaskRange(0, 2), 3)),
            25),

    SCALE("scale", 1, true, true, InstanceSize.SMALL, true, 14, true, 100, true, RetentionDays.ONE_MONTH,
            List.of(
                    new ServiceLayout("api", List.of(RouteGroup.API), new TaskSize(1024, 2048), new TaskRange(2, 6), 8),
                    new ServiceLayout("ingest", List.of(RouteGroup.INGEST), new TaskSize(512, 1024),
                            new TaskRange(1, 3), 4),
                    new ServiceLayout("process", List.of(RouteGroup.PROCESS), new TaskSize(2048, 4096),
                            new TaskRange(1, 10), 3),
                    new ServiceLayout("cleanup", List.of(RouteGroup.CLEANUP), new TaskSize(512, 1024),
                            new TaskRange(1, 1), 3)),
            260);

    /**
     * One Fargate service of a profile.
     *
     * @param name     names the service, its role and its log stream
     * @param groups   the route groups its tasks run
     * @param size     CPU and memory of a task
     * @param tasks    how many tasks it may run
     * @param poolSize database connections one task opens at most
     */
    public record ServiceLayout(String name, List<RouteGroup> groups, TaskSize size, TaskRange tasks, int poolSize) {
        public ServiceLayout {
            groups = List.copyOf(groups);
        }

        /** The value of {@code ROUTE_GROUPS} its tasks run with, e.g. {@code api,ingest,cleanup}. */
        public String routeGroups() {
            return groups.stream().map(RouteGroup::settingName).collect(Collectors.joining(","));
        }

        /** Whether its tasks migrate the database: the service that serves the API does, the others wait. */
        public boolean migrates() {
            return groups.contains(RouteGroup.API);
        }

        /** Construct id, e.g. {@code CoreService}. */
        public String constructId() {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Service";
        }
    }

    private final String id;
    private final int natGateways;
    private final boolean kmsEncryption;
    private final boolean loadBalancer;
    private final InstanceSize databaseSize;
    private final boolean multiAz;
    private final int backupDays;
    private final boolean deletionProtection;
    private final Integer maxAllocatedStorageGiB;
    private final boolean containerInsights;
    private final RetentionDays logRetention;
    private final List<ServiceLayout> services;
    private final int defaultBudgetUsd;

    DeploymentProfile(String id, int natGateways, boolean kmsEncryption, boolean loadBalancer, InstanceSize databaseSize,
            boolean multiAz,
            int backupDays, boolean deletionProtection, Integer maxAllocatedStorageGiB, boolean containerInsights,
            RetentionDays logRetention, List<ServiceLayout> services, int defaultBudgetUsd) {
        this.id = id;
        this.natGateways = natGateways;
        this.kmsEncryption = kmsEncryption;
        this.loadBalancer = loadBalancer;
        this.databaseSize = databaseSize;
        this.multiAz = multiAz;
        this.backupDays = backupDays;
        this.deletionProtection = deletionProtection;
        this.maxAllocatedStorageGiB = maxAllocatedStorageGiB;
        this.containerInsights = containerInsights;
        this.logRetention = logRetention;
        this.services = List.copyOf(services);
        this.defaultBudgetUsd = defaultBudgetUsd;
    }

    /**
     * The profile named by the {@code profile} context value.
     *
     * @throws IllegalArgumentException when no profile has that name
     */
    public static DeploymentProfile fromId(String id) {
        return Arrays.stream(values())
                .filter(profile -> profile.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("context 'profile': unknown profile '" + id
                        + "'; expected one of " + Arrays.stream(values()).map(DeploymentProfile::id)
                                .collect(Collectors.joining(", "))));
    }

    public String id() {
        return id;
    }

    public String stackName() {
        return "Signalbox-" + id;
    }

    /** Prefix of every physical name this profile's stack chooses itself (queues, database, cluster, services). */
    public String resourcePrefix() {
        return "signalbox-" + id;
    }

    /** 0 keeps every task in public subnets with a public IP; more puts them behind NAT in private subnets. */
    public int natGateways() {
        return natGateways;
    }

    public boolean kmsEncryption() {
        return kmsEncryption;
    }

    /**
     * Whether the job store is Aurora Serverless v2, which pauses at 0 ACU when idle, rather than an RDS instance
     * that runs (and is paid) around the clock.
     */
    public boolean serverlessDatabase() {
        return databaseSize == null;
    }

    /** The RDS instance class; only for profiles without a serverless database. */
    public InstanceType databaseInstanceType() {
        if (databaseSize == null) {
            throw new IllegalStateException("profile " + id + " has a serverless database, not an instance");
        }
        return InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, databaseSize);
    }

    /**
     * Whether the API sits behind an Application Load Balancer (which takes streamed uploads of any size) rather
     * than API Gateway (small requests only, paid per request).
     */
    public boolean loadBalancer() {
        return loadBalancer;
    }

    public boolean multiAz() {
        return multiAz;
    }

    public int backupDays() {
        return backupDays;
    }

    public boolean deletionProtection() {
        return deletionProtection;
    }

    /** Upper bound for RDS storage autoscaling, or {@code null} to stay at the allocated 20 GiB. */
    public Integer maxAllocatedStorageGiB() {
        return maxAllocatedStorageGiB;
    }

    public boolean containerInsights() {
        return containerInsights;
    }

    public RetentionDays logRetention() {
        return logRetention;
    }

    /** The Fargate services, each with the route groups it runs. */
    public List<ServiceLayout> services() {
        return services;
    }

    /** The service that runs a route group. */
    public ServiceLayout serviceOf(RouteGroup group) {
        return services.stream().filter(service -> service.groups().contains(group)).findFirst()
                .orElseThrow(() -> new IllegalStateException("profile " + id + " runs no " + group.settingName()));
    }

    /**
     * Database connections at most: every task of every service at its maximum count with a full pool. It must stay
     * under the database's {@code max_connections}, less the few reserved for administrators.
     */
    public int maxDatabaseConnections() {
        return services.stream().mapToInt(service -> service.tasks().max() * service.poolSize()).sum();
    }

    /** The monthly budget when none is given: the cost of the profile at light load, from docs/deploy.md. */
    public int defaultBudgetUsd() {
        return defaultBudgetUsd;
    }
}
