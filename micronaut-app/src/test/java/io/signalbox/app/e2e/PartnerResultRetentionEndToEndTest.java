package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.DropFolderProbe.await;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a partner never picks up goes with the normal retention, results and error files alike. */
class PartnerResultRetentionEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final Duration RETENTION = Duration.ofSeconds(30);
    private static final String S3 = "s3://" + RunningSignalbox.BUCKET + "/";

    @TempDir
    static Path work;

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static DropFolderProbe probe;
    private static AwsCli acme;

    @BeforeAll
    static void start() {
        AwsCli.requireInstalled();
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30),
                List.of(new LocalAws.PartnerCredentials("acme", "acme-access-key", "acme-secret-key")))
                .start(Map.of(
                        "signalbox.cleanup.retention", RETENTION.toSeconds() + "s",
                        "signalbox.cleanup.interval-millis", 300));
        jobs = new JobsClient(signalbox);
        probe = new DropFolderProbe(signalbox, jobs);
        acme = new AwsCli(signalbox.aws().s3Endpoint(), "us-east-1", "acme-access-key", "acme-secret-key",
                work.resolve("acme-cli"));
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void aResultNobodyPicksUpExpiresAndLeavesTheOutbox() {
        acme.succeed("s3", "cp", "--no-progress", file("kept.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/kept.csv");
        String id = probe.awaitJobOf("inbox/acme/kept.csv", PROCESSING).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        assertThat(acme.list(S3 + "outbox/acme/")).contains("kept.result.csv", "kept.summary.json");

        JsonNode expired = jobs.awaitStatus(id, RETENTION.plusSeconds(20), "EXPIRED");

        await("the outbox to be emptied", Duration.ofSeconds(20),
                () -> !acme.list(S3 + "outbox/acme/").contains("kept."));
        await("the job's files to be deleted", Duration.ofSeconds(20),
                () -> signalbox.keys("uploads/acme/" + id + "/").isEmpty());
        assertThat(expired.has("pickedUpAt")).isFalse();
        JsonNode receipt = DropFolderProbe.awaitValue("the deletion receipt", Duration.ofSeconds(20),
                () -> jobs.job(id).has("deletedAt") ? jobs.job(id) : null);
        assertThat(receipt.get("deletedBecause").asText()).isEqualTo("expired");
        assertThat(receipt.get("deletedKeys").toString()).contains("outbox/acme/kept.result.csv");
    }

    @Test
    void anErrorFileNobodyReadsExpiresToo() {
        acme.succeed("s3", "cp", "--no-progress", file("broken.recipe.json", " ".getBytes(StandardCharsets.UTF_8))
                .toString(), S3 + "inbox/acme/broken.recipe.json");
        acme.succeed("s3", "cp", "--no-progress", file("broken.csv", sample("prices.csv")).toString(),
                S3 + "inbox/acme/broken.csv");
        String id = probe.awaitJobOf("inbox/acme/broken.csv", PROCESSING).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "FAILED");
        // Seen through the service's own S3 client: the error file lives only the 4 s retention, less than the
        // AWS CLI may take to start under load.
        await("the error file", Duration.ofSeconds(20),
                () -> signalbox.keys("outbox/acme/").contains("outbox/acme/broken.error.json"));

        await("the error file to expire", RETENTION.plusSeconds(20),
                () -> !acme.list(S3 + "outbox/acme/").contains("broken.error.json"));
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("FAILED");
        JsonNode receipt = DropFolderProbe.awaitValue("the deletion receipt", Duration.ofSeconds(20),
                () -> jobs.job(id).has("deletedAt") ? jobs.job(id) : null);
        assertThat(receipt.get("deletedBecause").asText()).isEqualTo("failed");
        assertThat(receipt.get("deletedKeys").toString()).contains("outbox/acme/broken.error.json");
    }

    private static Path file(String name, byte[] content) {
        try {
            return Files.write(work.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
