package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.DropFolderProbe.await;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signalbox.fixtures.aws.AwsCli;
import io.signalbox.localaws.LocalAws;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The IAM contract, application side: the system runs as it is deployed, one application per route group on the
 * same servers and database (only {@code api} migrates, the others wait for the schema), while a client, a bad
 * upload and a partner with the AWS CLI go through every path; every AWS call each group makes, and every call of the
 * partner's CLI, is recorded and must be listed in {@code infra-cdk/aws-calls.txt}. The infrastructure's tests check
 * each listed call against the task role of the service that runs the group, and the partner's calls against a
 * partner role, in the synthesized templates of both profiles; together the two tests fail on any call a deployed
 * role would refuse. With {@code SIGNALBOX_AWS_CALLS_UPDATE=true} in the environment it adds what was recorded to the
 * file instead of failing.
 */
class AwsCallContractEndToEndTest {

    static final Path CONTRACT = Path.of("..", "infra-cdk", "aws-calls.txt");
    private static final List<String> GROUPS = List.of("api", "ingest", "process", "cleanup");
    private static final Duration PROCESSING = Duration.ofSeconds(120);
    private static final String S3 = "s3://" + RunningSignalbox.BUCKET + "/";

    @TempDir
    static Path work;

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static DropFolderProbe probe;
    private static AwsCli partner;
    private static final CliCallRecorder PARTNER_CALLS = new CliCallRecorder();
    private static FakeEcsApi ecs;
    private static final Map<String, AwsCallRecorder> RECORDERS = new HashMap<>();
    private static final Map<String, URI> BASES = new HashMap<>();

    @BeforeAll
    static void start() {
        AwsCli.requireInstalled();
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30), List.of(
                new LocalAws.PartnerCredentials("acme", "acme-access-key", "acme-secret-key")));
        ecs = new FakeEcsApi();
        Map<String, Object> common = Map.of(
                "signalbox.pickup.grace", "2s",
                "signalbox.download.grace", "2s",
                "signalbox.cleanup.interval-millis", 300,
                "signalbox.partners.copy-part-bytes", 5 * 1024 * 1024,
                // As in the free profile: ingest starts the process service, which stops itself when idle.
                "signalbox.process.scaling.cluster", "signalbox",
                "signalbox.process.scaling.service", "signalbox-process",
                "signalbox.process.scaling.endpoint", ecs.endpoint().toString(),
                "signalbox.process.scaling.idle-stop", "3s");
        for (String group : GROUPS) {
            AwsCallRecorder recorder = new AwsCallRecorder(group, "signalbox-");
            RECORDERS.put(group, recorder);
            Map<String, Object> settings = new HashMap<>(common);
            settings.put("signalbox.route-groups", group);
            if (group.equals("api")) {
                signalbox.start(settings, List.of(recorder));
                BASES.put(group, signalbox.uri("/"));
            } else {
                settings.put("flyway.datasources.default.enabled", false);
                ApplicationContext another = signalbox.startAnother(settings, List.of(recorder));
                BASES.put(group, another.getBean(EmbeddedServer.class).getURI());
            }
        }
        jobs = new JobsClient(signalbox);
        probe = new DropFolderProbe(signalbox, jobs);
        partner = new AwsCli(signalbox.aws().s3Endpoint(), "us-east-1", "acme-access-key", "acme-secret-key",
                work.resolve("acme-cli")).debugTo(PARTNER_CALLS);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
        if (ecs != null) {
            ecs.close();
        }
    }

    @Test
    void everyCallOfEveryRouteGroupAndOfPartnersIsInTheContract() throws Exception {
        uploadDownloadAndForget();
        downloadThroughAPresignedUrlAndForget();
        streamUploadThenAcknowledgeWithDelete();
        failOnBadInput();
        dropPickUpAndForget();
        for (URI base : BASES.values()) {
            HttpResponse<String> readiness = signalbox.send(HttpRequest.newBuilder(base.resolve("/health/readiness"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as("readiness of %s: %s", base, readiness.body()).isEqualTo(200);
        }

        await("the idle process service to stop itself", PROCESSING,
                () -> ecs.updates().contains("signalbox-process=0"));
        assertThat(ecs.updates()).as("ingest started the service it had stopped").contains("signalbox-process=1");

        Set<AwsCall> recorded = new TreeSet<>(PARTNER_CALLS.calls());
        RECORDERS.values().forEach(recorder -> recorded.addAll(recorder.calls()));
        assertThat(recorded.stream().map(AwsCall::caller).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("api", "ingest", "process", "cleanup", "partner");
        assertThat(recorded).as("no route group looks for its queues by listing them")
                .noneMatch(call -> call.call().equals("sqs:ListQueues"));

        Set<AwsCall> contract = readContract();
        List<String> missing = recorded.stream().filter(call -> !contract.contains(call)).map(AwsCall::line).toList();
        if (!missing.isEmpty() && "true".equals(System.getenv("SIGNALBOX_AWS_CALLS_UPDATE"))) {
            Set<AwsCall> updated = new TreeSet<>(contract);
            updated.addAll(recorded);
            writeContract(updated);
        } else if (!missing.isEmpty()) {
            throw new AssertionFailedError("These AWS calls were made but are not in the IAM contract " + CONTRACT
                    + "; if they are meant, add them there (or run with SIGNALBOX_AWS_CALLS_UPDATE=true) and grant"
                    + " them to the role in infra-cdk, whose tests check the contract:\n" + String.join("\n", missing));
        }
    }

    private static void uploadDownloadAndForget() {
        JsonNode job = jobs.uploadAccepted(sample("prices.csv"));
        String id = job.get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        HttpResponse<byte[]> result = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(200);
        await("the downloaded job's files to go", PROCESSING, () -> jobFiles(id).isEmpty());
    }

    /** The URL is signed with the api role's credentials: storage checks its GetObject against that role. */
    private static void downloadThroughAPresignedUrlAndForget() throws Exception {
        JsonNode job = jobs.uploadAccepted(sample("prices.csv"));
        String id = job.get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        HttpResponse<String> redirect = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Prefer", "return=redirect").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(303);
        HttpResponse<byte[]> result = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(redirect.headers().firstValue("Location").orElseThrow())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(result.statusCode()).isEqualTo(200);
        await("the files of the job downloaded from storage to go", PROCESSING, () -> jobFiles(id).isEmpty());
    }

    private static void streamUploadThenAcknowledgeWithDelete() {
        HttpResponse<String> created = signalbox.send(signalbox.request("/v1/jobs?name=streamed.csv")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream(JobApiEndToEndTest.generatedPrices(20_000))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = JobsClient.json(created.body()).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        HttpResponse<String> deleted = signalbox.send(signalbox.request("/v1/jobs/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
        await("the acknowledged job's files to go", PROCESSING, () -> jobFiles(id).isEmpty());
    }

    private static void failOnBadInput() {
        JsonNode job = jobs.uploadAccepted("timestamp,symbol,close\nnot-a-time,X,1\n".getBytes());
        String id = job.get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "FAILED");
        await("the failed job's files to go", PROCESSING, () -> jobFiles(id).isEmpty());
    }

    private static void dropPickUpAndForget() throws IOException {
        Path small = Files.write(work.resolve("prices.csv"), sample("prices.csv"));
        Path big = Files.write(work.resolve("big.csv"), JobApiEndToEndTest.generatedPrices(120_000));
        partner.succeed("s3", "cp", "--no-progress", small.toString(), S3 + "inbox/acme/contract/prices.csv");
        partner.succeed("s3", "cp", "--no-progress", big.toString(), S3 + "inbox/acme/contract/big.csv");
        for (String name : List.of("prices", "big")) {
            String input = "inbox/acme/contract/" + name + ".csv";
            String id = probe.awaitJobOf(input, PROCESSING).get("id").asText();
            jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
            await("the result of " + name + " in the outbox", PROCESSING,
                    () -> partner.list(S3 + "outbox/acme/contract/").contains(name + ".result.csv"));
            partner.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/contract/" + name + ".result.csv",
                    work.resolve(name + ".result.csv").toString());
            // Listed by the service: the partner's debugging CLI cannot tell an emptied outbox from a failed listing.
            await("the picked-up result of " + name + " to go", PROCESSING,
                    () -> !signalbox.keys("outbox/acme/contract/")
                            .contains("outbox/acme/contract/" + name + ".result.csv"));
        }
        partner.succeed("s3", "rm", S3 + "outbox/acme/contract/prices.summary.json");
    }

    private static List<String> jobFiles(String id) {
        List<String> keys = new ArrayList<>();
        for (String area : List.of("uploads/", "results/")) {
            signalbox.keys(area).stream().filter(key -> key.contains(id)).forEach(keys::add);
        }
        return keys;
    }

    static Set<AwsCall> readContract() throws IOException {
        Set<AwsCall> calls = new TreeSet<>();
        for (String line : Files.readAllLines(CONTRACT)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                calls.add(AwsCall.parse(line));
            }
        }
        return calls;
    }

    private static void writeContract(Set<AwsCall> calls) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(CONTRACT)) {
            if (line.startsWith("#")) {
                lines.add(line);
            }
        }
        calls.forEach(call -> lines.add(call.line()));
        Files.write(CONTRACT, lines);
    }
}
