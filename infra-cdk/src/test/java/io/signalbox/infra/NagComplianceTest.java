package io.signalbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

/** cdk-nag's AwsSolutions pack over both profiles, with every optional construct switched on. */
class NagComplianceTest {

    private static SynthesizedProfile free;
    private static SynthesizedProfile scale;

    @BeforeAll
    static void synthesize() throws IOException {
        Path web = Files.createTempDirectory("signalbox-web");
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>Signalbox</title>");
        free = SynthesizedProfile.synthesize(DeploymentProfile.FREE, Map.of(
                "partners", "acme", "webDirectory", web.toString()));
        scale = SynthesizedProfile.synthesize(DeploymentProfile.SCALE, Map.of(
                "partners", "acme,globex:444455556666",
                "webDirectory", web.toString(),
                "domainName", "api.example.com",
                "certificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
                "alarmEmail", "ops@example.com"));
    }

    @Test
    void freeProfileHasNoUnacknowledgedAwsSolutionsFinding() {
        assertThat(findings(free.stack())).isEmpty();
    }

    @Test
    void scaleProfileHasNoUnacknowledgedAwsSolutionsFinding() {
        assertThat(findings(scale.stack())).isEmpty();
    }

    @Test
    void everyAcknowledgedFindingCarriesAReason() {
        for (SynthesizedProfile synthesized : List.of(free, scale)) {
            List<Map<?, ?>> acknowledgments = acknowledgments(synthesized.stack());
            assertThat(acknowledgments).isNotEmpty();
            for (Map<?, ?> acknowledgment : acknowledgments) {
                assertThat(acknowledgment.values()).allSatisfy(reason ->
                        assertThat(String.valueOf(reason)).hasSizeGreaterThan(20));
            }
        }
    }

    @Test
    void deploysTheWebPageWithItsApiAddressToAPrivateBucketBehindCloudFrontInBothProfiles() throws IOException {
        for (SynthesizedProfile profile : List.of(free, scale)) {
            Template template = profile.template();
            template.resourceCountIs("AWS::CloudFront::Distribution", 1);
            template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Match.objectLike(Map.of(
                    "OriginAccessControlConfig", Match.objectLike(Map.of(
                            "OriginAccessControlOriginType", "s3", "SigningBehavior", "always")))));
            template.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                    "DistributionConfig", Match.objectLike(Map.of(
                            "DefaultRootObject", "index.html",
                            "DefaultCacheBehavior", Match.objectLike(Map.of(
                                    "ViewerProtocolPolicy", "redirect-to-https")))))));
            template.resourceCountIs("Custom::CDKBucketDeployment", 1);
            Map<String, Object> deployment = SynthesizedProfile.properties(profile.resources(
                    "Custom::CDKBucketDeployment").values().iterator().next());
            assertThat((List<?>) deployment.get("SourceObjectKeys")).hasSize(2);
            String config = configJson(profile);
            if (profile.stack().settings().profile().loadBalancer()) {
                assertThat(config).isEqualTo("{\"apiBaseUrl\":\"https://api.example.com\"}");
            } else {
                assertThat(config).as("the API's address is known only at deployment").contains("<<marker:");
                assertThat(IamRendering.render(deployment.get("SourceMarkers")))
                        .matches("\\[\\{\\},\\{<<marker:[^=]+>>=\"<EndpointApi[0-9A-F]+\\.ApiEndpoint>\"\\}\\]");
            }
            assertThat(IamRendering.render(deployment.get("DestinationBucketName")))
                    .contains("WebBucket");
            assertThat(IamRendering.render(deployment.get("DistributionId"))).contains("WebDistribution");
        }
    }

    @Test
    void letsExactlyThePagesOriginUsePresignedUrlsAndTheApiFromABrowser() {
        for (SynthesizedProfile profile : List.of(free, scale)) {
            String distribution = profile.logicalId(profile.stack().getNode().findChild("Web").getNode()
                    .findChild("Distribution"));
            String origin = "https://<" + distribution + ".DomainName>";
            Map<String, Object> bucket = SynthesizedProfile.properties(profile.resources("AWS::S3::Bucket")
                    .get(profile.logicalId(profile.stack().storage().bucket())));
            assertThat(IamRendering.render(bucket.get("CorsConfiguration")))
                    .isEqualTo("{CorsRules=[{AllowedHeaders=[*],AllowedMethods=[PUT,GET,HEAD],AllowedOrigins=["
                            + origin + "],ExposedHeaders=[ETag],MaxAge=3000}]}");
            for (Map<String, Object> taskDefinition : profile.resources("AWS::ECS::TaskDefinition").values()) {
                String environment = IamRendering.render(((Map<?, ?>) ((List<?>) SynthesizedProfile
                        .properties(taskDefinition).get("ContainerDefinitions")).get(0)).get("Environment"));
                assertThat(environment).contains("{Name=MICRONAUT_SERVER_CORS_ENABLED,Value=true}")
                        .contains("{Name=MICRONAUT_SERVER_CORS_CONFIGURATIONS_WEB_ALLOWED_ORIGINS,Value=" + origin + "}");
            }
        }
    }

    @Test
    void reportsAnOffendingResourceSoTheCheckCanFail() {
        App app = new App();
        Stack stack = new Stack(app, "Offending");
        Bucket.Builder.create(stack, "PlainBucket").build();
        List<String> rules = findings(stack).stream().map(line -> line.substring(0, line.indexOf(' ')))
                .collect(Collectors.toList());
        assertThat(rules).contains("AwsSolutions-S1", "AwsSolutions-S10");
    }

    /** The config.json staged as an asset of the profile's synthesis. */
    private static String configJson(SynthesizedProfile profile) throws IOException {
        try (var files = Files.walk(Path.of(profile.app().getOutdir()))) {
            List<Path> configs = files.filter(file -> file.getFileName().toString().equals("config.json")).toList();
            assertThat(configs).hasSize(1);
            return Files.readString(configs.get(0));
        }
    }

    private static List<String> findings(IConstruct scope) {
        PolicyValidationPluginReport report = new AwsSolutionsChecks().validateScope(scope);
        List<String> lines = new ArrayList<>();
        for (PolicyViolation violation : report.getViolations()) {
            violation.getViolatingResources().forEach(resource ->
                    lines.add(violation.getRuleName() + " at " + resource.getResourceLogicalId()));
        }
        return lines;
    }

    private static List<Map<?, ?>> acknowledgments(IConstruct scope) {
        List<Map<?, ?>> found = new ArrayList<>();
        for (IConstruct node : scope.getNode().findAll()) {
            node.getNode().getMetadata().stream()
                    .filter(entry -> Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType()))
                    .forEach(entry -> found.add((Map<?, ?>) entry.getData()));
        }
        return found;
    }
}
