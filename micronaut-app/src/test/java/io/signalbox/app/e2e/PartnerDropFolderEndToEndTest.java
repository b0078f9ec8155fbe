package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.DropFolderProbe.await;
import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.fixtures.aws.AwsCli;
import io.signalbox.localaws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partners' drop folders end to end, driven with Debian's AWS CLI v2 as partners drive them: a file copied into
 * {@code inbox/{partner}/} becomes a job of the partner's tenant, its result or the reason of its failure appears in
 * {@code outbox/{partner}/}, and reading or deleting the result makes everything go.
 */
class PartnerDropFolderEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(90);
    /** Long enough for a second {@code aws s3 cp} of a result to finish inside it on a busy machine. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String S3 = "s3://" + RunningSignalbox.BUCKET + "/";
    private static final int COPY_PART_BYTES = 5 * 1024 * 1024;

    @TempDir
    static Path work;

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static DropFolderProbe probe;
    private static AwsCli acme;
    private static AwsCli globex;

    private static final Map<String, Object> SETTINGS = Map.of(
            "signalbox.pickup.grace", GRACE.toSeconds() + "s",
            "signalbox.cleanup.interval-millis", 300,
            // Files over 5 MiB leave the inbox as a multipart copy, as files over 512 MiB do by default.
            "signalbox.partners.copy-part-bytes", COPY_PART_BYTES);

    @BeforeAll
    static void start() {
        AwsCli.requireInstalled();
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30), List.of(
                new LocalAws.PartnerCredentials("acme", "acme-access-key", "acme-secret-key"),
                new LocalAws.PartnerCredentials("globex", "globex-access-key", "globex-secret-key")))
                .start(SETTINGS);
        jobs = new JobsClient(signalbox);
        probe = new DropFolderProbe(signalbox, jobs);
        acme = new AwsCli(signalbox.aws().s3Endpoint(), "us-east-1", "acme-access-key", "acme-secret-key",
                work.resolve("acme-cli"));
        globex = new AwsCli(signalbox.aws().s3Endpoint(), "us-east-1", "globex-access-key", "globex-secret-key",
                work.resolve("globex-cli"));
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void aDroppedFileBecomesAJobWhoseResultIsPickedUpAndThenEverythingIsGone() throws Exception {
        acme.succeed("s3", "cp", "--no-progress", file("prices.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/round/prices.csv");

        awaitListed(acme, "outbox/acme/round/", "prices.result.csv", "prices.summary.json");
        JsonNode job = probe.awaitJobOf("inbox/acme/round/prices.csv", PROCESSING);
        String id = job.get("id").asText();
        job = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        assertThat(job.get("source").asText()).isEqualTo("drop-folder");
        assertThat(job.get("objectKey").asText()).isEqualTo("inbox/acme/round/prices.csv");
        assertThat(job.get("inputName").asText()).isEqualTo("round/prices.csv");
        assertThat(job.get("rows").asLong()).isEqualTo(520);
        assertThat(job.has("pickedUpAt")).isFalse();
        assertThat(acme.list(S3 + "inbox/acme/round/")).isEmpty();

        Path result = work.resolve("round.result.csv");
        acme.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/round/prices.result.csv", result.toString());
        String summary = acme.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/round/prices.summary.json", "-");

        List<String> lines = Files.readAllLines(result);
        assertThat(lines).hasSize(521);
        assertThat(lines.get(0)).startsWith("date,symbol,open,high,low,close,volume");
        assertThat(Files.size(result)).isEqualTo(job.get("resultBytes").asLong());
        assertThat(json(summary)).isEqualTo(json(jobs.get("/v1/jobs/" + id + "/summary").body()));
        assertThat(jobs.awaitStatus(id, Duration.ofSeconds(10), "SUCCEEDED").has("pickedUpAt")).isTrue();

        JsonNode downloaded = jobs.awaitStatus(id, GRACE.plusSeconds(20), "DOWNLOADED");
        awaitNotListed(acme, "outbox/acme/round/", "prices.result.csv", "prices.summary.json");
        await("the job's files to be deleted", Duration.ofSeconds(20),
                () -> signalbox.keys("uploads/acme/" + id + "/").isEmpty());
        assertThat(downloaded.get("downloadedAt")).isNotNull();
        assertThat(jobs.get("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(410);
        JsonNode receipt = DropFolderProbe.awaitValue("the deletion receipt", Duration.ofSeconds(20),
                () -> jobs.job(id).has("deletedAt") ? jobs.job(id) : null);
        assertThat(receipt.get("deletedBecause").asText()).isEqualTo("picked-up");
        List<String> deletedKeys = new ArrayList<>();
        receipt.get("deletedKeys").forEach(key -> deletedKeys.add(key.asText()));
        assertThat(deletedKeys).contains("uploads/acme/" + id + "/input", "outbox/acme/round/prices.result.csv",
                "outbox/acme/round/prices.summary.json");
    }

    @Test
    void aFileOverEightMegabytesGoesUpInPartsMakesOneJobAndMovesIntactInParts() throws Exception {
        byte[] prices = JobApiEndToEndTest.generatedPrices(120_000);
        assertThat(prices.length).isGreaterThan(8 * 1024 * 1024);

        acme.succeed("s3", "cp", "--no-progress", file("big.csv", prices).toString(), S3 + "inbox/acme/big/prices.csv");

        JsonNode job = jobs.awaitStatus(probe.awaitJobOf("inbox/acme/big/prices.csv", PROCESSING).get("id").asText(),
                PROCESSING, "SUCCEEDED");
        List<JsonNode> events = probe.creationEventsOf("inbox/acme/big/prices.csv");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("Records").path(0).path("eventName").asText())
                .isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(probe.jobIdsOf("inbox/acme/big/prices.csv")).hasSize(1);
        assertThat(job.get("inputBytes").asLong()).isEqualTo(prices.length).isGreaterThan(2L * COPY_PART_BYTES);
        assertThat(job.get("inputSha256").asText()).isEqualTo(JobApiEndToEndTest.sha256(prices));
        assertThat(job.get("rows").asLong()).isEqualTo(120_000);
        assertThat(acme.list(S3 + "outbox/acme/big/")).contains("prices.result.csv");
    }

    @Test
    void aDropWhoseEventArrivesThreeTimesMakesOneJobThatRunsOnce() {
        String key = "inbox/acme/twice/prices.csv";
        acme.succeed("s3", "cp", "--no-progress", file("twice.csv", sample("prices.csv")).toString(), S3 + key);
        String event = DropFolderProbe.awaitValue("the event of " + key, Duration.ofSeconds(10),
                () -> probe.creationEventsOf(key).stream().findFirst().map(JsonNode::toString).orElse(null));

        for (int i = 0; i < 2; i++) {
            signalbox.sqs().sendMessage(request -> request
                    .queueUrl(signalbox.aws().queueUrl("signalbox-events")).messageBody(event));
        }

        String id = probe.awaitJobOf(key, PROCESSING).get("id").asText();
        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        probe.awaitQueueDone("signalbox-events", Duration.ofSeconds(30));
        probe.awaitQueueDone("signalbox-jobs", Duration.ofSeconds(30));
        assertThat(probe.jobIdsOf(key)).containsExactly(id);
        assertThat(jobs.job(id).get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("rows").asLong()).isEqualTo(520);
    }

    @Test
    void aBadRecipeSidecarFailsTheDropWithAnErrorFileThatGoesOnceRead() throws Exception {
        acme.succeed("s3", "cp", "--no-progress", file("bad.recipe.json", "  \n".getBytes(StandardCharsets.UTF_8))
                .toString(), S3 + "inbox/acme/bad.recipe.json");
        acme.succeed("s3", "cp", "--no-progress", file("bad.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/bad.csv");

        awaitListed(acme, "outbox/acme/", "bad.error.json");
        JsonNode error = json(acme.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/bad.error.json", "-"));

        JsonNode job = jobs.awaitStatus(probe.awaitJobOf("inbox/acme/bad.csv", PROCESSING).get("id").asText(),
                PROCESSING, "FAILED");
        assertThat(error.get("error").asText()).isEqualTo("recipe_invalid");
        assertThat(error.get("file").asText()).isEqualTo("bad.recipe.json");
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).startsWith("bad.recipe.json: recipe $: empty document");
        assertThat(error.get("object").asText()).isEqualTo("inbox/acme/bad.csv");
        assertThat(error.get("job").asText()).isEqualTo(job.get("id").asText());
        assertThat(job.get("failure").get("code").asText()).isEqualTo("recipe_invalid");
        assertThat(job.get("failure").get("reason").asText()).isEqualTo(error.get("message").asText());
        awaitNotListed(acme, "inbox/acme/", "bad.csv", "bad.recipe.json");
        assertThat(acme.list(S3 + "outbox/acme/")).doesNotContain("bad.result.csv");

        awaitNotListed(acme, "outbox/acme/", "bad.error.json");
    }

    @Test
    void keysWithControlCharactersOrDotSegmentsGetAnErrorFileUnderASafeNameAndTheRouteGoesOn() throws Exception {
        acme.succeed("s3", "cp", "--no-progress", file("tab.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/tab\there.csv");
        signalbox.sqs().sendMessage(request -> request.queueUrl(signalbox.aws().queueUrl("signalbox-events"))
                .messageBody(objectCreatedEvent("inbox/acme/up/../../globex/planted.csv")));

        awaitListed(acme, "outbox/acme/", "tab_here.error.json");
        JsonNode tab = json(acme.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/tab_here.error.json", "-"));
        assertThat(tab.get("error").asText()).isEqualTo("key_invalid");
        assertThat(tab.get("message").asText()).isEqualTo("inbox/acme/tab\\u0009here.csv: the name has the control"
                + " character U+0009 at position 4; expected printable characters only");
        await("the rejected file to leave the inbox", Duration.ofSeconds(20),
                () -> !acme.list(S3 + "inbox/acme/").contains("here.csv"));

        awaitListed(acme, "outbox/acme/up/__/__/globex/", "planted.error.json");
        JsonNode dots = json(acme.succeed("s3", "cp", "--no-progress",
                S3 + "outbox/acme/up/__/__/globex/planted.error.json", "-"));
        assertThat(dots.get("error").asText()).isEqualTo("key_invalid");
        assertThat(dots.get("object").asText()).isEqualTo("inbox/acme/up/../../globex/planted.csv");
        assertThat(dots.get("message").asText()).contains("has a \"..\" path segment");
        JsonNode job = probe.awaitJobOf("inbox/acme/up/../../globex/planted.csv", PROCESSING);
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("failure").get("code").asText()).isEqualTo("key_invalid");
        assertThat(signalbox.keys("outbox/globex/planted")).isEmpty();
        assertThat(signalbox.keys("inbox/globex/planted")).isEmpty();

        acme.succeed("s3", "cp", "--no-progress", file("after.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/after/prices.csv");
        awaitListed(acme, "outbox/acme/after/", "prices.result.csv");
    }

    @Test
    void aDropWhoseFileIsGoneBeforeItsJobTakesItFailsWithAnErrorFile() throws Exception {
        String key = "inbox/acme/vanished/prices.csv";
        signalbox.sqs().sendMessage(request -> request.queueUrl(signalbox.aws().queueUrl("signalbox-events"))
                .messageBody(objectCreatedEvent(key)));

        awaitListed(acme, "outbox/acme/vanished/", "prices.error.json");
        JsonNode error = json(acme.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/vanished/prices.error.json",
                "-"));
        JsonNode job = jobs.awaitStatus(probe.awaitJobOf(key, PROCESSING).get("id").asText(), PROCESSING, "FAILED");
        String id = job.get("id").asText();
        assertThat(error.get("error").asText()).isEqualTo("input_missing");
        assertThat(error.get("message").asText()).isEqualTo("vanished/prices.csv was no longer in the inbox when job "
                + id + " came to take it; drop it again");
        assertThat(error.get("object").asText()).isEqualTo(key);
        assertThat(error.get("job").asText()).isEqualTo(id);
        assertThat(job.get("failure").get("code").asText()).isEqualTo("input_missing");
        assertThat(job.get("failure").get("reason").asText()).isEqualTo(error.get("message").asText());
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
    }

    @Test
    void aDropReplacedByANewerUploadBeforeItWasTakenIsSupersededAndTheNewerUploadIsItsOwnJob() throws Exception {
        String key = "inbox/acme/replaced/prices.csv";
        byte[] older = sample("prices.csv");
        byte[] newer = JobApiEndToEndTest.generatedPrices(1_000);
        // Both uploads arrive while no application takes events, so that the older one's event finds the newer one.
        signalbox.stopApp();
        acme.succeed("s3", "cp", "--no-progress", file("replaced-1.csv", older).toString(), S3 + key);
        acme.succeed("s3", "cp", "--no-progress", file("replaced-2.csv", newer).toString(), S3 + key);
        List<JsonNode> announced = DropFolderProbe.awaitValue("both events of " + key, Duration.ofSeconds(10),
                () -> probe.creationEventsOf(key).size() == 2 ? probe.creationEventsOf(key) : null);
        JsonNode olderEvent = eventWithETag(announced, md5(older));
        JsonNode newerEvent = eventWithETag(announced, md5(newer));
        String events = signalbox.aws().queueUrl("signalbox-events");
        signalbox.sqs().purgeQueue(request -> request.queueUrl(events));
        signalbox.start(SETTINGS);

        signalbox.sqs().sendMessage(request -> request.queueUrl(events).messageBody(olderEvent.toString()));
        String first = probe.awaitJobOf(key, PROCESSING).get("id").asText();
        JsonNode superseded = jobs.awaitStatus(first, PROCESSING, "FAILED");
        assertThat(superseded.get("failure").get("code").asText()).isEqualTo("superseded");
        assertThat(superseded.get("failure").get("reason").asText())
                .isEqualTo("replaced/prices.csv was replaced by a newer upload of the same name before it was taken");
        assertThat(signalbox.keys("uploads/acme/" + first + "/")).isEmpty();
        assertThat(acme.list(S3 + "inbox/acme/replaced/")).contains("prices.csv");

        signalbox.sqs().sendMessage(request -> request.queueUrl(events).messageBody(newerEvent.toString()));
        String second = DropFolderProbe.awaitValue("a second job of " + key, PROCESSING,
                () -> probe.jobIdsOf(key).size() == 2 ? probe.jobIdsOf(key).get(1) : null);
        JsonNode done = jobs.awaitStatus(second, PROCESSING, "SUCCEEDED");
        assertThat(done.get("rows").asLong()).isEqualTo(1_000);
        assertThat(acme.list(S3 + "outbox/acme/replaced/")).contains("prices.result.csv")
                .doesNotContain("prices.error.json");
        assertThat(acme.list(S3 + "inbox/acme/replaced/")).isEmpty();
    }

    @Test
    void aResultOverEightMegabytesCopiedWithAwsS3CpIsPickedUpCanBeCopiedAgainAndGoesAfterTheGraceWindow()
            throws Exception {
        acme.succeed("s3", "cp", "--no-progress", file("resume.csv", JobApiEndToEndTest.generatedPrices(250_000))
                .toString(), S3 + "inbox/acme/resume/prices.csv");
        String key = "outbox/acme/resume/prices.result.csv";
        String id = probe.awaitJobOf("inbox/acme/resume/prices.csv", PROCESSING).get("id").asText();
        long resultBytes = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED").get("resultBytes").asLong();
        assertThat(resultBytes).isGreaterThan(16L * 1024 * 1024);

        AwsCli.Result cut = acme.pipe("$AWS s3api get-object --bucket signalbox --key " + key
                + " --range bytes=0-8388607 /dev/stdout | head -c 1048576 | wc -c");
        assertThat(cut.stdout().trim()).isEqualTo("1048576");
        JsonNode interrupted = DropFolderProbe.awaitValue("the read event of the cut download", Duration.ofSeconds(20),
                () -> probe.readEventsOf(key).stream().findFirst().orElse(null));
        assertThat(interrupted.path("detail").path("additionalEventData").path("bytesTransferredOut").asLong())
                .isLessThan(8L * 1024 * 1024);
        probe.awaitQueueDone("signalbox-downloads", Duration.ofSeconds(20));
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(jobs.job(id).has("pickedUpAt")).isFalse();

        Path first = work.resolve("resume-1.csv");
        acme.succeed("s3", "cp", "--no-progress", S3 + key, first.toString());
        await("the pickup to be recorded", Duration.ofSeconds(20), () -> jobs.job(id).has("pickedUpAt"));
        Path retry = work.resolve("resume-2.csv");
        acme.succeed("s3", "cp", "--no-progress", S3 + key, retry.toString());

        assertThat(Files.size(first)).isEqualTo(resultBytes);
        assertThat(Files.mismatch(first, retry)).isEqualTo(-1L);
        assertThat(probe.readEventsOf(key)).as("one GetObject event per ranged part of both copies, and the cut one")
                .hasSizeGreaterThanOrEqualTo(1 + 2 * 3);
        jobs.awaitStatus(id, GRACE.plusSeconds(20), "DOWNLOADED");
        awaitNotListed(acme, "outbox/acme/resume/", "prices.result.csv", "prices.summary.json");
        await("the job's files to be deleted", Duration.ofSeconds(20),
                () -> signalbox.keys("uploads/acme/" + id + "/").isEmpty());
    }

    @Test
    void aNewerDropOfTheSameNameReplacesTheResultWaitingForPickupAndKeepsItsOwn() throws Exception {
        String key = "inbox/acme/again/prices.csv";
        acme.succeed("s3", "cp", "--no-progress", file("again-1.csv", sample("prices.csv")).toString(), S3 + key);
        String first = probe.awaitJobOf(key, PROCESSING).get("id").asText();
        jobs.awaitStatus(first, PROCESSING, "SUCCEEDED");

        byte[] newer = JobApiEndToEndTest.generatedPrices(1_000);
        acme.succeed("s3", "cp", "--no-progress", file("again-2.csv", newer).toString(), S3 + key);
        String second = DropFolderProbe.awaitValue("a second job of " + key, PROCESSING,
                () -> probe.jobIdsOf(key).size() == 2 ? probe.jobIdsOf(key).get(1) : null);
        JsonNode done = jobs.awaitStatus(second, PROCESSING, "SUCCEEDED");

        assertThat(jobs.awaitStatus(first, Duration.ofSeconds(10), "EXPIRED").get("expiredAt")).isNotNull();
        await("the first job's files to be deleted", Duration.ofSeconds(20),
                () -> signalbox.keys("uploads/acme/" + first + "/").isEmpty());
        Path result = work.resolve("again.result.csv");
        acme.succeed("s3", "cp", "--no-progress", S3 + "outbox/acme/again/prices.result.csv", result.toString());
        assertThat(Files.readAllLines(result)).hasSize(1_001);
        assertThat(Files.size(result)).isEqualTo(done.get("resultBytes").asLong());

        jobs.awaitStatus(second, GRACE.plusSeconds(20), "DOWNLOADED");
        awaitNotListed(acme, "outbox/acme/again/", "prices.result.csv", "prices.summary.json");
    }

    @Test
    void aPartnerDeletingItsResultPicksItUpAtOnce() throws Exception {
        acme.succeed("s3", "cp", "--no-progress", file("gone.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/gone/prices.csv");
        awaitListed(acme, "outbox/acme/gone/", "prices.result.csv", "prices.summary.json");
        String id = probe.awaitJobOf("inbox/acme/gone/prices.csv", PROCESSING).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");

        acme.succeed("s3", "rm", S3 + "outbox/acme/gone/prices.result.csv");

        JsonNode downloaded = jobs.awaitStatus(id, Duration.ofSeconds(20), "DOWNLOADED");
        assertThat(downloaded.get("pickedUpAt")).isNotNull();
        awaitNotListed(acme, "outbox/acme/gone/", "prices.summary.json");
        await("the job's files to be deleted", Duration.ofSeconds(20),
                () -> signalbox.keys("uploads/acme/" + id + "/").isEmpty());
    }

    @Test
    void aSignalsSidecarDroppedFirstGoesWithItsDataFile() throws Exception {
        String signals = "date,symbol,signal\n2025-01-02,AAPL,long\n2025-01-02,MSFT,flat\n";
        acme.succeed("s3", "cp", "--no-progress", file("sig.signals.csv", signals.getBytes(StandardCharsets.UTF_8))
                .toString(), S3 + "inbox/acme/sig/prices.signals.csv");
        acme.succeed("s3", "cp", "--no-progress", file("sig.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/sig/prices.csv");

        String id = probe.awaitJobOf("inbox/acme/sig/prices.csv", PROCESSING).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");

        assertThat(probe.jobIdsOf("inbox/acme/sig/prices.signals.csv")).isEmpty();
        assertThat(acme.list(S3 + "inbox/acme/sig/")).isEmpty();
        assertThat(signalbox.keys("uploads/acme/" + id + "/"))
                .containsExactlyInAnyOrder("uploads/acme/" + id + "/input", "uploads/acme/" + id + "/signals");
        assertThat(storedSignalsName(id)).isEqualTo("sig/prices.signals.csv");
    }

    @Test
    void aPartnerNeitherSeesNorWritesAnotherPartnersPrefixesNorItsOwnOutbox() throws Exception {
        Path planted = file("planted.csv", sample("prices.csv"));
        globex.succeed("s3", "cp", "--no-progress", planted.toString(), S3 + "inbox/globex/theirs.csv");
        awaitListed(globex, "outbox/globex/", "theirs.result.csv");

        AwsCli.Result listAcme = globex.run("s3", "ls", S3 + "outbox/acme/");
        AwsCli.Result writeAcme = globex.run("s3", "cp", "--no-progress", planted.toString(),
                S3 + "inbox/acme/planted.csv");
        AwsCli.Result forge = globex.run("s3", "cp", "--no-progress", planted.toString(),
                S3 + "outbox/globex/forged.result.csv");
        AwsCli.Result readAcme = globex.run("s3api", "get-object", "--bucket", "signalbox", "--key",
                "outbox/acme/round/prices.result.csv", work.resolve("stolen.csv").toString());
        AwsCli.Result listGlobex = acme.run("s3", "ls", S3 + "outbox/globex/");
        AwsCli.Result listBucket = acme.run("s3", "ls", S3);

        assertThat(listAcme.exitCode()).isNotZero();
        assertThat(listAcme.stderr()).contains("AccessDenied");
        assertThat(writeAcme.exitCode()).isNotZero();
        assertThat(writeAcme.stderr()).contains("AccessDenied", "s3:PutObject");
        assertThat(forge.exitCode()).isNotZero();
        assertThat(forge.stderr()).contains("AccessDenied", "s3:PutObject");
        assertThat(readAcme.exitCode()).isNotZero();
        assertThat(readAcme.stderr()).contains("AccessDenied");
        assertThat(listGlobex.exitCode()).isNotZero();
        assertThat(listGlobex.stderr()).contains("AccessDenied");
        assertThat(listBucket.exitCode()).isNotZero();
        assertThat(listBucket.stderr()).contains("AccessDenied");
        assertThat(signalbox.keys("inbox/acme/planted.csv")).isEmpty();
        assertThat(signalbox.keys("outbox/globex/forged")).isEmpty();
        assertThat(probe.jobIdsOf("inbox/acme/planted.csv")).isEmpty();

        String theirs = probe.jobIdsOf("inbox/globex/theirs.csv").get(0);
        assertThat(jobs.get("/v1/jobs/" + theirs).statusCode()).isEqualTo(404);
        assertThat(jobs.get("/v1/jobs?limit=200").body()).doesNotContain(theirs);
    }

    private static Path file(String name, byte[] content) {
        try {
            return Files.write(work.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListed(AwsCli cli, String prefix, String... names) {
        await(String.join(", ", names) + " in " + prefix, PROCESSING, () -> {
            String listing = cli.list(S3 + prefix);
            for (String name : names) {
                if (!listing.contains(" " + name + "\n")) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void awaitNotListed(AwsCli cli, String prefix, String... names) {
        await(String.join(", ", names) + " gone from " + prefix, GRACE.plusSeconds(30), () -> {
            String listing = cli.list(S3 + prefix);
            for (String name : names) {
                if (listing.contains(" " + name + "\n")) {
                    return false;
                }
            }
            return true;
        });
    }

    private static String storedSignalsName(String id) throws Exception {
        try (Connection db = signalbox.database();
                PreparedStatement query = db.prepareStatement("SELECT signals_name FROM jobs WHERE id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static JsonNode eventWithETag(List<JsonNode> events, String eTag) {
        return events.stream()
                .filter(event -> eTag.equals(event.path("Records").path(0).path("s3").path("object").path("eTag")
                        .asText().replace("\"", "")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event announces ETag " + eTag + " among " + events));
    }

    /** The ETag S3 gives an object stored in one piece. */
    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    /** An S3 event notification as S3 sends it, for a key no S3-API server on a file system can hold. */
    private static String objectCreatedEvent(String key) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                  "eventTime":"2026-03-01T10:15:30.000Z","eventName":"ObjectCreated:Put",
                  "userIdentity":{"principalId":"AWS:AIDAEXAMPLEPARTNER"},
                  "s3":{"s3SchemaVersion":"1.0","configurationId":"inbox",
                        "bucket":{"name":"signalbox","arn":"arn:aws:s3:::signalbox"},
                        "object":{"key":"%s","size":27597,"eTag":"0123456789abcdef0123456789abcdef",
                                  "sequencer":"0065E1A2B3C4D5E6F7"}}}]}
                """.formatted(key);
    }
}
