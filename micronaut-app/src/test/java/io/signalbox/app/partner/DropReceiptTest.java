package io.signalbox.app.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobService;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.job.JobView;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import io.signalbox.routes.cleanup.JobFiles;
import io.signalbox.routes.cleanup.RetentionPolicy;
import io.signalbox.routes.process.ClaimedJob;
import io.signalbox.routes.process.JobExecution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dropped file's job against the real job store: its result goes to the partner's outbox, its view shows where it
 * was dropped, and its deletion receipt waits for its outbox files and says they were picked up.
 */
class DropReceiptTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    private static ApplicationContext context;
    private static JobRepository jobs;
    private static DropRepository drops;
    private static JobExecution execution;
    private static RetentionPolicy retention;
    private static JobService service;

    @BeforeAll
    static void start() {
        context = JobStoreContext.start(DATABASE, Map.of("signalbox.partners.names", "acme"));
        jobs = context.getBean(JobRepository.class);
        drops = context.getBean(DropRepository.class);
        execution = context.getBean(JobExecution.class);
        retention = context.getBean(RetentionPolicy.class);
        service = context.getBean(JobService.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aDroppedFilesResultGoesToTheOutboxAndItsReceiptWaitsForItsOutboxFilesAndSaysPickedUp() {
        UUID id = UUID.randomUUID();
        jobs.save(Job.awaitingUpload(id, "acme", JobSource.DROP, "prices.csv", JobKeys.inputKey("acme", id),
                "default", null, null, Instant.now()));
        assertThat(drops.insert(id, "acme", "inbox/acme/prices.csv", "v-" + id, "outbox/acme/prices")).isEqualTo(1);
        UUID again = UUID.randomUUID();
        jobs.save(Job.awaitingUpload(again, "acme", JobSource.DROP, "prices.csv", JobKeys.inputKey("acme", again),
                "default", null, null, Instant.now()));
        assertThat(drops.insert(again, "acme", "inbox/acme/prices.csv", "v-" + id, "outbox/acme/prices"))
                .as("the same version again").isZero();
        drops.recordTaken(id, 100, "default", null, null, null);
        jobs.markQueued(id);
        ClaimedJob claimed = execution.claim(id.toString(), "message-1");
        assertThat(claimed.resultPrefix()).isEqualTo("outbox/acme/prices.");
        jobs.succeed(id, claimed.attempt(), "outbox/acme/prices.result.csv", 1, "00".repeat(32), 100, "00".repeat(32),
                1, 0, 1, "{}");
        drops.markOutboxWritten(id);
        drops.markPickedUpByDeletion(id);

        JobView view = service.view(jobs.findById(id).orElseThrow());
        assertThat(view.source()).isEqualTo("drop-folder");
        assertThat(view.objectKey()).isEqualTo("inbox/acme/prices.csv");
        assertThat(view.pickedUpAt()).isNotNull();
        assertThat(view.links()).doesNotContainKey("result");

        JobFiles due = retention.dueForDeletion().stream().filter(files -> files.jobId().equals(id.toString()))
                .findFirst().orElseThrow();
        assertThat(due.reason()).isEqualTo("partner-pickup");
        assertThat(due.keys()).containsExactly("outbox/acme/prices.result.csv", "outbox/acme/prices.summary.json",
                "outbox/acme/prices.error.json");

        retention.deleted(new JobFiles(due.jobId(), due.tenant(), due.prefixes(), List.of(), due.reason()));
        assertThat(jobs.findById(id).orElseThrow().deletedAt()).as("its outbox files are still there").isNull();
        retention.deleted(new JobFiles(due.jobId(), due.tenant(), List.of(), due.keys(), due.reason()));

        Job deleted = jobs.findById(id).orElseThrow();
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(deleted.deletedBecause()).isEqualTo("picked-up");
        assertThat(drops.findById(id).orElseThrow().ownsOutboxFiles()).isFalse();
    }
}
