package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Drives the drop folder with the client partners use: Debian's AWS CLI v2 at /usr/bin/aws (another {@code aws}, a
 * version 1, may come first on the PATH). It needs nothing but the endpoint URL, the partner's credentials and the
 * region.
 */
@EnabledIf("awsCliInstalled")
class AwsCliTest {

    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static LocalAws aws;
    private static S3Client service;
    private static SqsClient sqs;

    static boolean awsCliInstalled() {
        return Files.isExecutable(AWS_CLI);
    }

    @BeforeAll
    static void start() {
        aws = LocalAws.builder()
                .dataDirectory(work.resolve("data"))
                .credentials("service-key", "service-secret")
                .bucket("signalbox")
                .queue("events", Duration.ofSeconds(30), 3)
                .queue("downloads", Duration.ofSeconds(30), 3)
                .objectEvents(List.of("inbox/"), "events")
                .getObjectEvents(List.of("outbox/"), "downloads")
                .partner("acme", "acme-key", "acme-secret")
                .start();
        service = Clients.s3(aws);
        sqs = Clients.sqs(aws);
    }

    @AfterAll
    static void stop() {
        service.close();
        sqs.close();
        aws.close();
    }

    @Test
    void aPartnerCopiesA20MbFileIntoItsInboxAsOneMultipartUploadAndOneEvent() throws Exception {
        Path file = work.resolve("prices 20mb.csv");
        byte[] content = new byte[20_000_000];
        new Random(7).nextBytes(content);
        Files.write(file, content);

        Result copy = cli("s3", "cp", file.toString(), "s3://signalbox/inbox/acme/prices 20mb.csv");

        assertThat(copy.exitCode()).as(copy.output()).isZero();
        List<String> events = Clients.drain(sqs, aws.queueUrl("events"), Duration.ZERO);
        assertThat(events).hasSize(1);
        JsonNode record = JSON.readTree(events.get(0)).path("Records").path(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("inbox/acme/prices+20mb.csv");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(20_000_000L);
        assertThat(service.getObjectAsBytes(request -> request.bucket("signalbox").key("inbox/acme/prices 20mb.csv"))
                .asByteArray()).isEqualTo(content);
    }

    @Test
    void aPartnerListsAndDownloadsItsResultWhichPublishesAGetObjectEvent() throws Exception {
        service.putObject(request -> request.bucket("signalbox").key("outbox/acme/prices.result.csv"),
                RequestBody.fromString("time,close\n1,2\n"));
        Path target = work.resolve("prices.result.csv");

        Result list = cli("s3", "ls", "s3://signalbox/outbox/acme/");
        Result download = cli("s3", "cp", "s3://signalbox/outbox/acme/prices.result.csv", target.toString());

        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("prices.result.csv");
        assertThat(download.exitCode()).as(download.output()).isZero();
        assertThat(Files.readString(target)).isEqualTo("time,close\n1,2\n");
        List<String> downloads = Clients.drain(sqs, aws.queueUrl("downloads"), Duration.ofSeconds(1));
        assertThat(downloads).hasSize(1);
        assertThat(JSON.readTree(downloads.get(0)).path("detail").path("requestParameters").path("key").asText())
                .isEqualTo("outbox/acme/prices.result.csv");
    }

    @Test
    void aPartnerCopyingA20MbResultDownloadsItInRangesEachPublishingAGetObjectEvent() throws Exception {
        byte[] content = new byte[20_000_000];
        new Random(11).nextBytes(content);
        service.putObject(request -> request.bucket("signalbox").key("outbox/acme/big.result.csv"),
                RequestBody.fromBytes(content));
        Path target = work.resolve("big.result.csv");

        Result download = cli("s3", "cp", "s3://signalbox/outbox/acme/big.result.csv", target.toString());

        assertThat(download.exitCode()).as(download.output()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        List<JsonNode> reads = new ArrayList<>();
        for (String event : Clients.drain(sqs, aws.queueUrl("downloads"), Duration.ofSeconds(1))) {
            reads.add(JSON.readTree(event).path("detail"));
        }
        assertThat(reads).hasSizeGreaterThan(1);
        assertThat(reads).allSatisfy(read -> assertThat(read.path("requestParameters").path("key").asText())
                .isEqualTo("outbox/acme/big.result.csv"));
        assertThat(reads.stream().mapToLong(read -> read.path("additionalEventData").path("bytesTransferredOut")
                .asLong()).sum()).isEqualTo(20_000_000L);
        assertThat(reads.stream().map(read -> read.path("eventID").asText()).distinct()).hasSameSizeAs(reads);
    }

    @Test
    void aPartnerWritingOutsideItsInboxGetsAccessDenied() throws Exception {
        Path file = work.resolve("forged.csv");
        Files.writeString(file, "x\n");

        Result copy = cli("s3", "cp", file.toString(), "s3://signalbox/outbox/acme/forged.result.csv");
        Result listing = cli("s3", "ls", "s3://signalbox/");

        assertThat(copy.exitCode()).isNotZero();
        assertThat(copy.output()).contains("AccessDenied", "s3:PutObject");
        assertThat(listing.exitCode()).isNotZero();
        assertThat(listing.output()).contains("AccessDenied", "s3:ListBucket");
    }

    private static Result cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS_CLI.toString(), "--endpoint-url",
                aws.s3Endpoint().toString(), "--no-progress"));
        command.addAll(List.of(arguments));
        if (!"cp".equals(arguments[1])) {
            command.remove("--no-progress");
        }
        Path emptyConfig = Files.writeString(work.resolve("aws-config"), "");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "acme-key");
        env.put("AWS_SECRET_ACCESS_KEY", "acme-secret");
        env.put("AWS_DEFAULT_REGION", aws.region());
        env.put("AWS_CONFIG_FILE", emptyConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", emptyConfig.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", arguments) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
