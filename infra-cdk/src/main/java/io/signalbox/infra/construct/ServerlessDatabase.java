package io.signalbox.infra.construct;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The job store of the free profile: Aurora Serverless v2 PostgreSQL between 0 ACU (paused) and a small maximum.
 * After {@link #AUTO_PAUSE} without a connection it pauses and costs nothing but storage; the first connection after
 * a pause waits about 15 s (30 s after a day) while it resumes. Signalbox keeps no idle connection open and its
 * cleanup sleeps while nothing is in flight, so an idle deployment lets it pause. Encrypted, TLS enforced, in
 * isolated subnets, generated credentials in Secrets Manager.
 */
public final class ServerlessDatabase extends Construct implements JobStore {

    public static final AuroraPostgresEngineVersion ENGINE_VERSION = AuroraPostgresEngineVersion.VER_16_6;
    public static final Duration AUTO_PAUSE = Duration.minutes(5);

    /**
     * @param vpc          the network
     * @param subnets      isolated subnets in two availability zones
     * @param identifier   physical name of the cluster
     * @param maxCapacity  ACUs at most (one ACU is about 2 GiB of memory)
     * @param backupDays   automated backup retention, 1 to 35 days
     * @param logRetention retention of the PostgreSQL log group
     */
    public record Props(IVpc vpc, SubnetSelection subnets, String identifier, double maxCapacity, int backupDays,
            RetentionDays logRetention) {
        public Props {
            if (vpc == null || subnets == null || logRetention == null) {
                throw new IllegalArgumentException("vpc, subnets and logRetention are required");
            }
            if (identifier == null || !identifier.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("cluster identifier '" + identifier + "' is invalid; expected a"
                        + " lowercase letter followed by up to 62 lowercase letters, digits or '-'");
            }
            if (maxCapacity < 1 || maxCapacity > 256 || maxCapacity * 2 != Math.rint(maxCapacity * 2)) {
                throw new IllegalArgumentException("maxCapacity " + maxCapacity + " is invalid; expected 1 to 256"
                        + " ACUs in steps of 0.5");
            }
            if (backupDays < 1 || backupDays > 35) {
                throw new IllegalArgumentException("backupDays " + backupDays + " is invalid; expected 1 to 35");
            }
        }
    }

    private final DatabaseCluster cluster;

    public ServerlessDatabase(Construct scope, String id, Props props) {
        super(scope, id);
        // Created here rather than by RDS so that it has a retention and is deleted with the stack.
        LogGroup postgresLog = LogGroup.Builder.create(this, "PostgresLog")
                .logGroupName("/aws/rds/cluster/" + props.identifier() + "/postgresql")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        cluster = DatabaseCluster.Builder.create(this, "Cluster")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(ENGINE_VERSION)
                        .build()))
                .clusterIdentifier(props.identifier())
                .writer(ClusterInstance.serverlessV2("Writer", ServerlessV2ClusterInstanceProps.builder()
                        .publiclyAccessible(false)
                        .autoMinorVersionUpgrade(true)
                        .build()))
                .serverlessV2MinCapacity(0)
                .serverlessV2MaxCapacity(props.maxCapacity())
                .serverlessV2AutoPauseDuration(AUTO_PAUSE)
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .storageEncrypted(true)
                .defaultDatabaseName(DATABASE_NAME)
                .credentials(Credentials.fromGeneratedSecret(USERNAME))
                .parameterGroup(ParameterGroup.Builder.create(this, "Parameters")
                        .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                                .version(ENGINE_VERSION)
                                .build()))
                        .parameters(Map.of("rds.force_ssl", "1"))
                        .build())
                .backup(software.amazon.awscdk.services.rds.BackupProps.builder()
                        .retention(Duration.days(props.backupDays()))
                        .build())
                .deletionProtection(false)
                .copyTagsToSnapshot(true)
                .cloudwatchLogsExports(List.of("postgresql"))
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        cluster.getNode().addDependency(postgresLog);

        RuleAcknowledgments.acknowledge(cluster, "AwsSolutions-RDS11",
                "The default port is kept: only the services' security groups may reach it, so a different port"
                        + " adds no protection.");
        RuleAcknowledgments.acknowledge(cluster, "AwsSolutions-RDS10",
                "The free profile stays destroyable; deletion takes a final snapshot (removal policy SNAPSHOT).");
        RuleAcknowledgments.acknowledge(cluster, "AwsSolutions-RDS6",
                "The services sign in with the generated password, injected as an ECS secret; IAM tokens would"
                        + " expire under the connection pool every 15 minutes.");
        RuleAcknowledgments.acknowledge(cluster, "AwsSolutions-RDS14",
                "Backtrack exists for Aurora MySQL only; this is Aurora PostgreSQL, restored from backups.");
        RuleAcknowledgments.acknowledge(cluster.getNode().findChild("Secret"), "AwsSolutions-SMG4",
                "Tasks read the credentials once at start as ECS secrets; rotation would break their open pools."
                        + " Rotate by updating the secret and redeploying the services.");
    }

    @Override
    public String host() {
        return cluster.getClusterEndpoint().getHostname();
    }

    @Override
    public String port() {
        return cluster.getClusterEndpoint().getPort().toString();
    }

    @Override
    public ISecret secret() {
        return cluster.getSecret();
    }

    @Override
    public void allowFrom(IConnectable client, String description) {
        cluster.getConnections().allowDefaultPortFrom(client, description);
    }

    @Override
    public IMetric load(MetricOptions options) {
        return cluster.metricServerlessDatabaseCapacity(options);
    }

    @Override
    public IMetric connections(MetricOptions options) {
        return cluster.metricDatabaseConnections(options);
    }

    public DatabaseCluster cluster() {
        return cluster;
    }
}
