package io.signalbox.infra;

import io.signalbox.topology.RouteGroup;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.services.iam.IRole;

/**
 * The IAM contract, infrastructure side: every AWS call listed in {@code infra-cdk/aws-calls.txt} (which the
 * application's end-to-end test records and keeps complete) must be allowed by the synthesized identity policies of
 * the role that makes it, in both profiles: a route group's calls by the task role of the service that runs the
 * group, a partner's by the partner role. Object calls on the KMS-encrypted bucket of the scale profile also need the
 * key.
 */
class AwsCallContractTest {

    private static final Path CONTRACT = RepositoryRoot.locate(Path.of("")).resolve("infra-cdk/aws-calls.txt");

    private static SynthesizedProfile free;
    private static SynthesizedProfile scale;
    private static List<ContractCall> contract;

    @BeforeAll
    static void synthesize() throws IOException {
        free = SynthesizedProfile.synthesize(DeploymentProfile.FREE, Map.of("partners", "acme"));
        scale = SynthesizedProfile.synthesize(DeploymentProfile.SCALE, Map.of(
                "partners", "acme",
                "domainName", "api.example.com",
                "certificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"));
        contract = new ArrayList<>();
        for (String line : Files.readAllLines(CONTRACT)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                contract.add(ContractCall.parse(line));
            }
        }
    }

    @Test
    void theContractListsCallsOfEveryRouteGroupAndOfPartners() {
        assertThat(contract.stream().map(ContractCall::caller).distinct())
                .containsExactlyInAnyOrder("api", "ingest", "process", "cleanup", "partner");
    }

    @Test
    void theFreeProfileAllowsEveryCallOfTheContract() {
        assertThat(refused(free, contract)).isEmpty();
    }

    @Test
    void theScaleProfileAllowsEveryCallOfTheContract() {
        assertThat(refused(scale, contract)).isEmpty();
    }

    @Test
    void refusesFindingAQueueByListingQueues() {
        for (SynthesizedProfile profile : List.of(free, scale)) {
            for (String group : List.of("api", "ingest", "process", "cleanup")) {
                assertThat(refused(profile, List.of(ContractCall.parse(group + " sqs:ListQueues prefix=events"))))
                        .as("%s in %s", group, profile.stack().getStackName())
                        .singleElement().asString().contains("sqs:ListQueues");
            }
        }
    }

    @Test
    void refusesCallsOutsideAGroupsOrAPartnersOwnPrefixesAndQueues() {
        List<ContractCall> outside = List.of(
                ContractCall.parse("process s3:GetObject inbox/acme/prices.csv"),
                ContractCall.parse("process s3:DeleteObject uploads/acme/{id}/input"),
                ContractCall.parse("ingest s3:GetObject outbox/acme/prices.result.csv"),
                ContractCall.parse("api sqs:ReceiveMessage jobs"),
                ContractCall.parse("partner s3:GetObject outbox/globex/prices.result.csv"),
                ContractCall.parse("partner s3:ListObjectsV2 prefix=outbox/"),
                ContractCall.parse("partner s3:PutObject outbox/acme/planted.csv"));
        for (SynthesizedProfile profile : List.of(free, scale)) {
            assertThat(refused(profile, outside).stream().map(refusal -> refusal.substring(0, refusal.indexOf(": ")))
                    .distinct()).as(profile.stack().getStackName())
                    .containsExactlyElementsOf(outside.stream().map(ContractCall::line).toList());
        }
    }

    private static List<String> refused(SynthesizedProfile profile, List<ContractCall> calls) {
        SignalboxStack stack = profile.stack();
        Map<String, Map<String, Object>> resources = profile.template().toJSON().containsKey("Resources")
                ? castResources(profile.template().toJSON().get("Resources")) : Map.of();
        TemplateValues values = new TemplateValues(resources, stack.getRegion());
        Map<String, Map<String, Object>> policies = profile.resources("AWS::IAM::Policy");
        String bucket = TemplateValues.bucketName(profile.logicalId(stack.storage().bucket()));
        String key = stack.storage().getNode().tryFindChild("Key") == null ? null
                : "arn:aws:kms:" + stack.getRegion() + ":" + TemplateValues.ACCOUNT + ":key/"
                        + profile.logicalId(stack.storage().getNode().findChild("Key"));
        List<String> refused = new ArrayList<>();
        boolean processStopsWhenIdle = stack.settings().profile().serviceOf(RouteGroup.PROCESS).tasks().min() == 0;
        for (ContractCall call : calls) {
            if (call.denialExpected()) {
                continue;
            }
            // The application calls ECS about the process service only where the stack tells it the service's
            // name, which it does only where that service stops when idle.
            if (call.call().startsWith("ecs:") && !processStopsWhenIdle) {
                continue;
            }
            IRole role = call.caller().equals("partner") ? stack.partners().role("acme")
                    : stack.roleOf(RouteGroup.valueOf(IamPolicySimulator.lower(call.caller()).toUpperCase()));
            IamPolicySimulator simulator = IamPolicySimulator.ofRole(policies, profile.logicalId(role),
                    values::resolve);
            for (IamPolicySimulator.Request request : call.requests(bucket, key, stack.getRegion(),
                    stack.settings().profile().resourcePrefix())) {
                if (!simulator.allows(request)) {
                    refused.add(call.line() + ": " + request + " refused by " + profile.logicalId(role));
                }
            }
        }
        return refused;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> castResources(Object resources) {
        return (Map<String, Map<String, Object>>) resources;
    }
}
