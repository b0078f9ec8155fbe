package io.signalbox.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import io.signalbox.app.tenant.ApiKeyStore;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.routes.process.ClaimedJob;
import io.signalbox.routes.process.JobAbandonedException;
import io.signalbox.routes.process.JobOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every status change is one conditional UPDATE: duplicates and late workers can neither repeat nor undo a state. */
class JobTransitionsTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    private static ApplicationContext context;
    private static JobRepository jobs;
    private static JobExecutionService execution;

    @BeforeAll
    static void start() {
        context = JobStoreContext.start(DATABASE, Map.of());
        context.getBean(ApiKeyStore.class).ensureTenant("acme");
        jobs = context.getBean(JobRepository.class);
        execution = context.getBean(JobExecutionService.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void queuesAnUploadedJobOnlyOnce() {
        Job job = newJob();
        assertThat(jobs.markQueued(job.id())).isEqualTo(1);
        assertThat(jobs.markQueued(job.id())).isZero();
        assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void claimsAJobForOneDeliveryAndDropsADuplicateMessage() {
        Job job = queuedJob();
        ClaimedJob claimed = execution.claim(job.id().toString(), "message-1");
        assertThat(claimed).isNotNull();
        assertThat(claimed.attempt()).isEqualTo(1);
        assertThat(claimed.resultPrefix()).isEqualTo("results/acme/" + job.id() + "/1/");

        assertThat(execution.claim(job.id().toString(), "message-2")).isNull();
        assertThat(jobs.findById(job.id()).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void letsARedeliveryOfTheSameMessageRetakeAJobWhoseAttemptDied() {
        Job job = queuedJob();
        ClaimedJob first = execution.claim(job.id().toString(), "message-1");
        ClaimedJob second = execution.claim(job.id().toString(), "message-1");

        assertThat(second.attempt()).isEqualTo(2);
        assertThatThrownBy(() -> execution.progress(first, 100_000))
                .isInstanceOf(JobAbandonedException.class)
                .hasMessageContaining("attempt 1 of job " + job.id());
        assertThat(jobs.succeed(job.id(), first.attempt(), first.resultPrefix() + "result.csv", 1, "00".repeat(32), 1, "x", 1,
                0, 1, "{}")).isZero();
        assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.PROCESSING);
    }

    @Test
    void recordsWhatASuccessfulRunProduced() {
        Job job = queuedJob();
        ClaimedJob claimed = execution.claim(job.id().toString(), "message-1");
        execution.succeed(claimed, new JobOutcome(27_597, "ab".repeat(32), claimed.resultPrefix() + "result.csv", 40_000, "cd".repeat(32), report(520, 2), "{\"rows\":520}"));

        Job done = jobs.findById(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.rowCount()).isEqualTo(520);
        assertThat(done.symbolCount()).isEqualTo(2);
        assertThat(done.inputSha256()).isEqualTo("ab".repeat(32));
        assertThat(done.resultKey()).isEqualTo(claimed.resultPrefix() + "result.csv");
        assertThat(done.resultBytes()).isEqualTo(40_000);
        assertThat(done.resultSha256()).isEqualTo("cd".repeat(32));
        assertThat(done.summaryJson()).isEqualTo("{\"rows\":520}");
        assertThat(done.succeededAt()).isNotNull();
        assertThat(execution.claim(job.id().toString(), "message-1")).isNull();
    }

    @Test
    void failsBadInputWithItsReasonAndNeverRetriesIt() {
        Job job = queuedJob();
        ClaimedJob claimed = execution.claim(job.id().toString(), "message-1");
        execution.fail(claimed, new CsvFormatException("prices.csv", 3, "close", "\"12,5x\" is not a number"));

        Job failed = jobs.findById(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo("csv_format");
        assertThat(failed.failureReason()).isEqualTo("prices.csv line 3, column \"close\": \"12,5x\" is not a number");
        assertThat(execution.claim(job.id().toString(), "message-1")).isNull();
    }

    @Test
    void failsAJobFromTheDeadLetterQueueNamingTheLastTransientError() {
        Job job = queuedJob();
        execution.claim(job.id().toString(), "message-1");
        execution.transientFailure(job.id().toString(), new IllegalStateException("S3 answered 503 Slow Down"));
        execution.failUndeliverable(job.id().toString());

        Job failed = jobs.findById(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo("undeliverable");
        assertThat(failed.failureReason()).contains("IllegalStateException: S3 answered 503 Slow Down");
    }

    @Test
    void aDeadLetterNeverUndoesAFinishedJob() {
        Job job = queuedJob();
        ClaimedJob claimed = execution.claim(job.id().toString(), "message-1");
        execution.succeed(claimed, new JobOutcome(1, "00".repeat(32), claimed.resultPrefix() + "result.csv", 1, "00".repeat(32), report(1, 1), "{}"));
        execution.failUndeliverable(job.id().toString());
        assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void downloadsASucceededJobOnlyOnce() {
        Job job = queuedJob();
        ClaimedJob claimed = execution.claim(job.id().toString(), "message-1");
        execution.succeed(claimed, new JobOutcome(1, "00".repeat(32), claimed.resultPrefix() + "result.csv", 1, "00".repeat(32), report(1, 1), "{}"));
        assertThat(jobs.markDownloaded(job.id(), 600)).isEqualTo(1);
        assertThat(jobs.markDownloaded(job.id(), 600)).isZero();
        assertThat(jobs.cancel(job.id())).isZero();
    }

    @Test
    void expiresResultsPastTheRetentionAndUploadsPastTheWindow() {
        Job waiting = newJob();
        Job done = queuedJob();
        ClaimedJob claimed = execution.claim(done.id().toString(), "message-1");
        execution.succeed(claimed, new JobOutcome(1, "00".repeat(32), claimed.resultPrefix() + "result.csv", 1, "00".repeat(32), report(1, 1), "{}"));

        jobs.expire(3600, 3600);
        assertThat(jobs.findById(done.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        jobs.expire(0, 0);
        assertThat(jobs.findById(done.id()).orElseThrow().status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(jobs.findById(waiting.id()).orElseThrow().status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(jobs.withFilesToDelete(1000)).extracting(Job::id).contains(done.id(), waiting.id());
        jobs.markFilesDeleted(done.id());
        assertThat(jobs.withFilesToDelete(1000)).extracting(Job::id).doesNotContain(done.id());
    }

    @Test
    void aDownloadedResultStaysForItsGraceWindowAndItsFilesAreDueAfterIt() {
        Job kept = succeededJob();
        Job due = succeededJob();

        assertThat(jobs.markDownloaded(kept.id(), 3600)).isEqualTo(1);
        assertThat(jobs.markDownloaded(due.id(), 0)).isEqualTo(1);

        Job waiting = jobs.findById(kept.id()).orElseThrow();
        assertThat(waiting.downloadedAt()).isNotNull();
        assertThat(waiting.downloadableUntil(Instant.now())).isAfter(Instant.now().plusSeconds(3500));
        assertThat(jobs.findById(due.id()).orElseThrow().downloadableUntil(Instant.now())).isNull();
        assertThat(jobs.withFilesToDelete(1000)).extracting(Job::id).contains(due.id()).doesNotContain(kept.id());
    }

    @Test
    void anAcknowledgementEndsTheGraceWindowAtOnceAndOnlyForADownloadedResult() {
        Job job = succeededJob();
        assertThat(jobs.acknowledge(job.id())).as("not downloaded yet").isZero();
        jobs.markDownloaded(job.id(), 3600);

        assertThat(jobs.acknowledge(job.id())).isEqualTo(1);

        Job acknowledged = jobs.findById(job.id()).orElseThrow();
        assertThat(acknowledged.deletedBecause()).isEqualTo(Job.ACKNOWLEDGED);
        assertThat(acknowledged.downloadableUntil(Instant.now())).isNull();
        assertThat(jobs.withFilesToDelete(1000)).extracting(Job::id).contains(job.id());
    }

    @Test
    void theReceiptListsEachDeletedKeyOnceAndIsWrittenOnlyWhenNothingIsLeft() {
        Job job = succeededJob();
        jobs.expire(0, 3600);
        String input = JobKeys.inputKey("acme", job.id());
        String result = JobKeys.resultsPrefix("acme", job.id()) + "1/result.csv";

        assertThat(jobs.noteDeletedKey(job.id(), input)).isEqualTo(1);
        assertThat(jobs.noteDeletedKey(job.id(), input)).isZero();
        jobs.noteDeletedKey(job.id(), result);
        assertThat(jobs.completeReceipt(job.id(), "downloaded")).as("files not all deleted yet").isZero();
        jobs.markFilesDeleted(job.id());

        assertThat(jobs.completeReceipt(job.id(), "downloaded")).isEqualTo(1);
        assertThat(jobs.completeReceipt(job.id(), "downloaded")).isZero();
        Job deleted = jobs.findById(job.id()).orElseThrow();
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(deleted.deletedBecause()).isEqualTo("expired");
        assertThat(deleted.deletedKeys()).containsExactly(input, result);
        assertThat(JobView.of(deleted).deletedKeys()).containsExactly(input, result);
    }

    @Test
    void theReceiptSaysWhyFromTheStatusUnlessTheOwnerAcknowledged() {
        Job downloaded = succeededJob();
        jobs.markDownloaded(downloaded.id(), 0);
        Job acknowledged = succeededJob();
        jobs.markDownloaded(acknowledged.id(), 3600);
        jobs.acknowledge(acknowledged.id());
        Job cancelled = succeededJob();
        jobs.cancel(cancelled.id());

        for (Job job : new Job[] {downloaded, acknowledged, cancelled}) {
            jobs.markFilesDeleted(job.id());
            jobs.completeReceipt(job.id(), "downloaded");
        }

        assertThat(jobs.findById(downloaded.id()).orElseThrow().deletedBecause()).isEqualTo("downloaded");
        assertThat(jobs.findById(acknowledged.id()).orElseThrow().deletedBecause()).isEqualTo("acknowledged");
        assertThat(jobs.findById(cancelled.id()).orElseThrow().deletedBecause()).isEqualTo("cancelled");
    }

    private static Job succeededJob() {
        Job job = queuedJob();
        ClaimedJob claimed = execution.claim(job.id().toString(), "message-1");
        execution.succeed(claimed, new JobOutcome(1, "00".repeat(32), claimed.resultPrefix() + "result.csv", 1,
                "00".repeat(32), report(1, 1), "{}"));
        return jobs.findById(job.id()).orElseThrow();
    }

    private static EngineReport report(long rows, int symbols) {
        return new EngineReport(rows, 0, symbols, Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z"),
                0, 0, 0, rows);
    }

    private static Job newJob() {
        UUID id = UUID.randomUUID();
        return jobs.save(Job.awaitingUpload(id, "acme", JobSource.API, "prices.csv", JobKeys.inputKey("acme", id),
                "default", null, null, Instant.now()));
    }

    private static Job queuedJob() {
        Job job = newJob();
        jobs.markQueued(job.id());
        return job;
    }
}
