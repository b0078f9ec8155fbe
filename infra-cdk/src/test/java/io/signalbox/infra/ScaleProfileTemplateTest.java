package io.signalbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.signalbox.infra.construct.Partners;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ScaleProfileTemplateTest {

    private static final String CERTIFICATE =
            "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private static SynthesizedProfile scale;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        scale = SynthesizedProfile.synthesize(DeploymentProfile.SCALE, Map.of(
                "region", "eu-west-1",
                "partners", "acme,globex:444455556666,big-co",
                "partnerRecipes", Map.of("acme", "{\"version\": 1}", "big-co", "indicators"),
                "domainName", "api.example.com",
                "certificateArn", CERTIFICATE,
                "alarmEmail", "ops@example.com",
                "budgetUsd", "250"));
        template = scale.template();
    }

    @Test
    void encryptsTheBucketWithARotatedCustomerManagedKey() {
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of(
                                "SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(
                                        Match.stringLikeRegexp("StorageKey.*"), "Arn")))))))));
    }

    @Test
    void runsAMultiAzSmallDatabaseWithDeletionProtectionAndStorageAutoscaling() {
        template.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "DBInstanceClass", "db.t4g.small",
                "MultiAZ", true,
                "BackupRetentionPeriod", 14,
                "DeletionProtection", true,
                "AllocatedStorage", "20",
                "MaxAllocatedStorage", 100,
                "StorageType", "gp3",
                "StorageEncrypted", true)));
    }

    @Test
    void keepsTasksInPrivateSubnetsBehindNat() {
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
        for (Map<String, Object> service : scale.resources("AWS::ECS::Service").values()) {
            assertThat(IamRendering.render(SynthesizedProfile.properties(service).get("NetworkConfiguration")))
                    .contains("AssignPublicIp=DISABLED");
        }
        template.hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
    }

    @Test
    void scalesProcessFromOneToTenOnBacklogAndKeepsTheFirstTaskOfEveryServiceOnRegularFargate() {
        // 2 jobs per task up to 10 tasks: the upper alarm fires at 10.5 and its last step starts 8 above it (18.5).
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of(
                "MinCapacity", 1, "MaxCapacity", 10)));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of(
                "MinCapacity", 2, "MaxCapacity", 6)));
        template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "ServiceName", "signalbox-scale-api",
                "DesiredCount", 2,
                "CapacityProviderStrategy", List.of(
                        Map.of("CapacityProvider", "FARGATE", "Base", 1, "Weight", 1),
                        Map.of("CapacityProvider", "FARGATE_SPOT", "Weight", 4)))));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "StepScaling",
                "StepScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "AdjustmentType", "ExactCapacity",
                        "StepAdjustments", Match.arrayWith(List.of(Map.of("MetricIntervalLowerBound", 8,
                                "ScalingAdjustment", 10))))))));
    }

    @Test
    void healthChecksTheApiTargetsOnLivenessSoThatADatabaseOutageDoesNotReplaceThem() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "Port", 8080,
                "TargetType", "ip",
                "HealthCheckPath", "/health/liveness",
                "Matcher", Map.of("HttpCode", "200"))));
    }

    @Test
    void keepsTheServersIdleConnectionsOpenLongerThanTheLoadBalancerDoes() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "idle_timeout.timeout_seconds", "Value", "600"))))));
        for (Map<String, Object> taskDefinition : scale.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            assertThat(IamRendering.render(container.get("Environment")))
                    .contains("{Name=SIGNALBOX_SERVER_IDLE_TIMEOUT,Value=660s}");
        }
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
    void keepsEveryTaskAtItsMaximumWithinTheDatabasesConnections() {
        // db.t4g.small has 2 GiB; PostgreSQL on RDS allows LEAST(memory / 9531392, 5000), about 200 connections.
        assertThat(DeploymentProfile.SCALE.maxDatabaseConnections()).isEqualTo(6 * 8 + 3 * 4 + 10 * 3 + 1 * 3)
                .isLessThan(150);
    }

    @Test
    void servesHttpsWithTheCertificateAndRedirectsHttp() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Protocol", "HTTPS",
                "Port", 443,
                "Certificates", List.of(Map.of("CertificateArn", CERTIFICATE)),
                "SslPolicy", Match.stringLikeRegexp("ELBSecurityPolicy-TLS13-.*"))));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Protocol", "HTTP",
                "Port", 80,
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect",
                        "RedirectConfig", Match.objectLike(Map.of("Protocol", "HTTPS", "Port", "443",
                                "StatusCode", "HTTP_301"))))))));
    }

    @Test
    void confinesEachPartnerToItsOwnInboxAndOutbox() {
        String bucket = scale.logicalId(scale.stack().storage().bucket());
        String key = "<" + scale.logicalId(scale.stack().storage().getNode().findChild("Key")) + ".Arn>";
        for (String partner : List.of("acme", "globex")) {
            Map<String, Set<String>> grants = IamRendering.grantsOf(scale,
                    scale.logicalId(scale.stack().partners().role(partner)));
            assertThat(grants).isEqualTo(new Grants(bucket)
                    .objects("s3:PutObject", "inbox/" + partner + "/")
                    .objects("s3:GetObject", "outbox/" + partner + "/")
                    .objects("s3:DeleteObject", "outbox/" + partner + "/")
                    .add("s3:ListBucket if {StringLike={s3:prefix=[inbox/" + partner + "/,inbox/" + partner + "/*,outbox/"
                            + partner + "/,outbox/" + partner + "/*]}}", "<" + bucket + ".Arn>")
                    .add("kms:GenerateDataKey", key)
                    .add("kms:Decrypt", key)
                    .toMap());
        }
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("AWS", Map.of("Fn::Join", List.of("", List.of("arn:",
                                Map.of("Ref", "AWS::Partition"), ":iam::444455556666:root")))),
                        "Condition", Map.of("StringEquals", Map.of("sts:ExternalId", "signalbox-globex"))))))))));
        assertThat(Partners.externalId(scale.stack().settings().partners().get(1))).isEqualTo("signalbox-globex");
    }

    @Test
    void tellsEveryServiceThePartnersAndTheirRecipesAsPlainSettings() {
        template.resourceCountIs("AWS::ECS::TaskDefinition", 4);
        for (Map<String, Object> taskDefinition : scale.resources("AWS::ECS::TaskDefinition").values()) {
            Map<?, ?> container = (Map<?, ?>) ((List<?>) SynthesizedProfile.properties(taskDefinition)
                    .get("ContainerDefinitions")).get(0);
            Map<String, Object> environment = new HashMap<>();
            for (Object variable : (List<?>) container.get("Environment")) {
                Map<?, ?> named = (Map<?, ?>) variable;
                environment.put(String.valueOf(named.get("Name")), named.get("Value"));
            }
            assertThat(environment).containsEntry("SIGNALBOX_PARTNERS", "acme,globex,big-co")
                    .containsEntry("SIGNALBOX_PARTNERS_RECIPES_ACME", "{\"version\": 1}")
                    .containsEntry("SIGNALBOX_PARTNERS_RECIPES_BIG_CO", "indicators")
                    .doesNotContainKey("SIGNALBOX_PARTNERS_RECIPES_GLOBEX");
            assertThat(((List<?>) container.get("Secrets")).stream()
                    .map(secret -> String.valueOf(((Map<?, ?>) secret).get("Name"))))
                    .noneMatch(name -> name.startsWith("SIGNALBOX_PARTNERS"));
        }
    }

    @Test
    void subscribesTheAlarmEmailAndBudgetsTheChosenAmount() {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Match.anyValue()));
        template.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of("BudgetLimit", Map.of("Amount", 250, "Unit", "USD"))))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "BudgetsPublish",
                        "Principal", Map.of("Service", "budgets.amazonaws.com"))))))))));
    }

    @Test
    void logsAccessToTheLoadBalancerInTheRegionOfTheStack() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"),
                        Map.of("Key", "access_logs.s3.enabled", "Value", "true"))))));
        assertThat(scale.stack().getRegion()).isEqualTo("eu-west-1");
    }
}
