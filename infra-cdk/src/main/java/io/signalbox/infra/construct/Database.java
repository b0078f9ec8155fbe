package io.signalbox.infra.construct;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The job store of the scale profile: RDS PostgreSQL on 20 GiB gp3, encrypted, TLS enforced, in isolated subnets. Its credentials are
 * generated into a Secrets Manager secret whose JSON fields the tasks receive as ECS secrets.
 */
public final class Database extends Construct implements JobStore {

    /** Pinned to a minor version; minor upgrades are still applied in the maintenance window. */
    public static final PostgresEngineVersion ENGINE_VERSION = PostgresEngineVersion.VER_17_6;
    public static final int ALLOCATED_STORAGE_GIB = 20;

    /**
     * @param vpc                    the network
     * @param subnets                isolated subnets for the instance
     * @param instanceIdentifier     physical name of the instance, also names its log group
     * @param instanceType           instance class
     * @param multiAz                a standby in the second availability zone
     * @param backupDays             automated backup retention, 1 to 35 days
     * @param deletionProtection     refuse deletion until switched off
     * @param maxAllocatedStorageGiB storage autoscaling ceiling, or {@code null} for none
     * @param logRetention           retention of the PostgreSQL log group
     */
    public record Props(IVpc vpc, SubnetSelection subnets, String instanceIdentifier, InstanceType instanceType,
            boolean multiAz, int backupDays, boolean deletionProtection, Integer maxAllocatedStorageGiB,
            RetentionDays logRetention) {
        public Props {
            if (vpc == null || subnets == null || instanceType == null || logRetention == null) {
                throw new IllegalArgumentException("vpc, subnets, instanceType and logRetention are required");
            }
            if (instanceIdentifier == null || !instanceIdentifier.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("instance identifier '" + instanceIdentifier + "' is invalid;"
                        + " expected a lowercase letter followed by up to 62 lowercase letters, digits or '-'");
            }
            if (backupDays < 1 || backupDays > 35) {
                throw new IllegalArgumentException("backupDays " + backupDays + " is invalid; expected 1 to 35");
            }
            if (maxAllocatedStorageGiB != null && maxAllocatedStorageGiB <= ALLOCATED_STORAGE_GIB) {
                throw new IllegalArgumentException("maxAllocatedStorageGiB " + maxAllocatedStorageGiB
                        + " is invalid; expected more than the allocated " + ALLOCATED_STORAGE_GIB + " GiB");
            }
        }
    }

    private final DatabaseInstance instance;

    public Database(Construct scope, String id, Props props) {
        super(scope, id);
        // Created here rather than by RDS so that it has a retention and is deleted with the stack.
        LogGroup postgresLog = LogGroup.Builder.create(this, "PostgresLog")
                .logGroupName("/aws/rds/instance/" + props.instanceIdentifier() + "/postgresql")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        instance = DatabaseInstance.Builder.create(this, "Instance")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(ENGINE_VERSION)
                        .build()))
                .instanceIdentifier(props.instanceIdentifier())
                .instanceType(props.instanceType())
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .publiclyAccessible(false)
                .multiAz(props.multiAz())
                .allocatedStorage(ALLOCATED_STORAGE_GIB)
                .maxAllocatedStorage(props.maxAllocatedStorageGiB())
                .storageType(StorageType.GP3)
                .storageEncrypted(true)
                .databaseName(DATABASE_NAME)
                .credentials(Credentials.fromGeneratedSecret(USERNAME))
                .parameters(Map.of("rds.force_ssl", "1"))
                .backupRetention(Duration.days(props.backupDays()))
                .deletionProtection(props.deletionProtection())
                .autoMinorVersionUpgrade(true)
                .copyTagsToSnapshot(true)
                .cloudwatchLogsExports(List.of("postgresql"))
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        instance.getNode().addDependency(postgresLog);

        RuleAcknowledgments.acknowledge(instance, "AwsSolutions-RDS11",
                "The default port is kept: only the services' security groups may reach it, so a different port"
                        + " adds no protection.");
        RuleAcknowledgments.acknowledge(instance.getNode().findChild("Secret"), "AwsSolutions-SMG4",
                "Tasks read the credentials once at start as ECS secrets; rotation would break their open pools."
                        + " Rotate by updating the secret and redeploying the services.");
        if (!props.multiAz()) {
            RuleAcknowledgments.acknowledge(instance, "AwsSolutions-RDS3",
                    "A single-AZ instance was asked for; the scale profile is Multi-AZ.");
        }
        if (!props.deletionProtection()) {
            RuleAcknowledgments.acknowledge(instance, "AwsSolutions-RDS10",
                    "Asked to stay destroyable; deletion takes a final snapshot (removal policy SNAPSHOT).");
        }
    }

    public DatabaseInstance instance() {
        return instance;
    }

    @Override
    public String host() {
        return instance.getDbInstanceEndpointAddress();
    }

    @Override
    public String port() {
        return instance.getDbInstanceEndpointPort();
    }

    @Override
    public ISecret secret() {
        return instance.getSecret();
    }

    @Override
    public void allowFrom(IConnectable client, String description) {
        instance.getConnections().allowDefaultPortFrom(client, description);
    }

    @Override
    public IMetric load(MetricOptions options) {
        return instance.metricCPUUtilization(options);
    }

    @Override
    public IMetric connections(MetricOptions options) {
        return instance.metricDatabaseConnections(options);
    }
}
