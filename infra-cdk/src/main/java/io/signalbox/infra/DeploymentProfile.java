package io.signalbox.infra;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.signalbox.infra.construct.TaskRange;
import io.signalbox.infra.construct.TaskSize;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The two sizes Signalbox is deployed in: {@code free} is as cheap as the AWS free tier allows,
 * {@code scale} trades money for availability and throughput.
 */
public enum DeploymentProfile {

    FREE("free", 0, false, InstanceSize.MICRO, false, 7, false, null, false, RetentionDays.TWO_WEEKS,
            new TaskSize(512, 1024), new TaskRange(1, 2),
            new TaskSize(256, 1024), new TaskRange(1, 1),
            new TaskSize(1024, 2048), new TaskRange(0, 2),
            30),

    SCALE("scale", 1, true, InstanceSize.SMALL, true, 14, true, 100, true, RetentionDays.ONE_MONTH,
            new TaskSize(1024, 2048), new TaskRange(2, 6),
            new TaskSize(512, 1024), new TaskRange(1, 3),
            new TaskSize(2048, 4096), new TaskRange(1, 10),
            400);

    private final String id;
    private final int natGateways;
    private final boolean kmsEncryption;
    private final InstanceSize databaseSize;
    private final boolean multiAz;
    private final int backupDays;
    private final boolean deletionProtection;
    private final Integer maxAllocatedStorageGiB;
    private final boolean containerInsights;
    private final RetentionDays logRetention;
    private final TaskSize apiSize;
    private final TaskRange apiTasks;
    private final TaskSize workerSize;
    private final TaskRange workerTasks;
    private final TaskSize processSize;
    private final TaskRange processTasks;
    private final int defaultBudgetUsd;

    DeploymentProfile(String id, int natGateways, boolean kmsEncryption, InstanceSize databaseSize, boolean multiAz,
            int backupDays, boolean deletionProtection, Integer maxAllocatedStorageGiB, boolean containerInsights,
            RetentionDays logRetention, TaskSize apiSize, TaskRange apiTasks, TaskSize workerSize,
            TaskRange workerTasks, TaskSize processSize, TaskRange processTasks, int defaultBudgetUsd) {
        this.id = id;
        this.natGateways = natGateways;
        this.kmsEncryption = kmsEncryption;
        this.databaseSize = databaseSize;
        this.multiAz = multiAz;
        this.backupDays = backupDays;
        this.deletionProtection = deletionProtection;
        this.maxAllocatedStorageGiB = maxAllocatedStorageGiB;
        this.containerInsights = containerInsights;
        this.logRetention = logRetention;
        this.apiSize = apiSize;
        this.apiTasks = apiTasks;
        this.workerSize = workerSize;
        this.workerTasks = workerTasks;
        this.processSize = processSize;
        this.processTasks = processTasks;
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

    /** Prefix of every physical name this profile's stack chooses itself (queues, database). */
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

    public InstanceType databaseInstanceType() {
        return InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, databaseSize);
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

    public TaskSize apiSize() {
        return apiSize;
    }

    public TaskRange apiTasks() {
        return apiTasks;
    }

    /** Size of the {@code ingest} and {@code cleanup} tasks. */
    public TaskSize workerSize() {
        return workerSize;
    }

    /** Task range of the {@code ingest} service; {@code cleanup} always runs one task. */
    public TaskRange workerTasks() {
        return workerTasks;
    }

    public TaskSize processSize() {
        return processSize;
    }

    public TaskRange processTasks() {
        return processTasks;
    }

    public int defaultBudgetUsd() {
        return defaultBudgetUsd;
    }
}
