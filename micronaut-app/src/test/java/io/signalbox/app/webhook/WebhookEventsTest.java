package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.job.JobStatus;
import io.signalbox.app.tenant.ApiKeyStore;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook events are written by the job transitions themselves: in the statement that makes the transition, so that
 * one cannot commit without the other, whichever code path or statement makes it.
 */
class WebhookEventsTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    private static final String CALLBACK = "https://hooks.example.com/signalbox";

    private static ApplicationContext context;
    private static JobRepository jobs;
    private static WebhookEventRepository events;
    private static EventSnapshots snapshots;

    @BeforeAll
    static void start() {
        context = JobStoreContext.start(DATABASE, Map.of());
        context.getBean(ApiKeyStore.class).ensureTenant("acme");
        jobs = context.getBean(JobRepository.class);
        events = context.getBean(WebhookEventRepository.class);
        snapshots = context.getBean(EventSnapshots.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void writesAnEventForEachTransitionAClientWaitsFor() {
        Job job = processing();
        assertThat(types(job)).isEmpty();

        succeed(job);
        jobs.markDownloaded(job.id(), 0);
        jobs.markFilesDeleted(job.id());
        assertThat(types(job)).as("the receipt is not complete yet").containsExactly("job.succeeded", "job.downloaded");
        jobs.completeReceipt(job.id(), "downloaded");

        List<WebhookEvent> written = events.findByJobId(job.id());
        assertThat(written).extracting(WebhookEvent::type)
                .containsExactly("job.succeeded", "job.downloaded", "job.deleted");
        assertThat(written).allSatisfy(event -> {
            assertThat(event.tenantId()).isEqualTo("acme");
            assertThat(event.callbackUrl()).isEqualTo(CALLBACK);
            assertThat(event.status()).isEqualTo(EventStatus.PENDING);
            assertThat(event.attempts()).isZero();
        });
        assertThat(written).extracting(WebhookEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void writesAFailureAndTheDeletionOfTheFailedJobsFiles() {
        Job job = processing();

        assertThat(jobs.fail(job.id(), 1, "csv_format", "prices.csv line 3: bad")).isEqualTo(1);
        deleteFiles(job);

        assertThat(types(job)).containsExactly("job.failed", "job.deleted");
    }

    @Test
    void writesOneEventPerJobWhenOneStatementExpiresMany() throws SQLException {
        Job first = processing();
        Job second = processing();
        succeed(first);
        succeed(second);
        try (Connection connection = DATABASE.connect(); PreparedStatement age = connection.prepareStatement(
                "UPDATE jobs SET succeeded_at = now() - interval '2 days' WHERE id IN (?, ?)")) {
            age.setObject(1, first.id());
            age.setObject(2, second.id());
            age.executeUpdate();
        }

        assertThat(jobs.expire(86_400, 3_600)).isGreaterThanOrEqualTo(2);

        assertThat(types(first)).containsExactly("job.succeeded", "job.expired");
        assertThat(types(second)).containsExactly("job.succeeded", "job.expired");
    }

    @Test
    void aTransitionRolledBackLeavesNoEventBehind() throws SQLException {
        Job job = processing();
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement fail = connection.prepareStatement(
                    "UPDATE jobs SET status = 'FAILED', failed_at = now() WHERE id = ?")) {
                fail.setObject(1, job.id());
                assertThat(fail.executeUpdate()).isEqualTo(1);
            }
            assertThat(countEvents(connection, job.id())).isEqualTo(1);
            connection.rollback();
            assertThat(countEvents(connection, job.id())).isZero();
        }
        assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.PROCESSING);
    }

    @Test
    void writesNoEventForTransitionsNobodyWaitsForAndNoSecondDeletion() {
        Job job = newJob();
        jobs.markQueued(job.id());
        assertThat(jobs.cancel(job.id())).isEqualTo(1);
        assertThat(types(job)).isEmpty();

        deleteFiles(job);
        jobs.markFilesPending(job.id());
        deleteFiles(job);

        assertThat(types(job)).containsExactly("job.deleted");
    }

    @Test
    void keepsTheJobAsTheTransitionLeftItWithoutItsSummary() {
        Job job = processing();
        succeed(job);
        jobs.markDownloaded(job.id(), 0);
        WebhookEvent succeeded = events.findByJobId(job.id()).get(0);

        Job snapshot = snapshots.jobOf(succeeded.id()).orElseThrow();

        assertThat(snapshot.id()).isEqualTo(job.id());
        assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(snapshot.downloadedAt()).isNull();
        assertThat(snapshot.rowCount()).isEqualTo(520);
        assertThat(snapshot.resultKey()).isEqualTo("results/acme/" + job.id() + "/1/result.csv");
        assertThat(snapshot.callbackUrl()).isEqualTo(CALLBACK);
        assertThat(snapshot.summaryJson()).isEqualTo("{}");
        assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.DOWNLOADED);
    }

    @Test
    void theDeletionEventCarriesTheReceipt() {
        Job job = processing();
        succeed(job);
        jobs.markDownloaded(job.id(), 0);
        jobs.noteDeletedKey(job.id(), job.inputKey());
        deleteFiles(job);
        WebhookEvent deleted = events.findByJobId(job.id()).get(2);

        Job snapshot = snapshots.jobOf(deleted.id()).orElseThrow();

        assertThat(deleted.type()).isEqualTo("job.deleted");
        assertThat(snapshot.deletedAt()).isNotNull();
        assertThat(snapshot.deletedBecause()).isEqualTo("downloaded");
        assertThat(snapshot.deletedKeys()).containsExactly(job.inputKey());
    }

    private static void deleteFiles(Job job) {
        jobs.markFilesDeleted(job.id());
        jobs.completeReceipt(job.id(), "downloaded");
    }

    private static List<String> types(Job job) {
        return events.findByJobId(job.id()).stream().map(WebhookEvent::type).toList();
    }

    private static long countEvents(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM webhook_events WHERE job_id = ?")) {
            count.setObject(1, jobId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void succeed(Job job) {
        assertThat(jobs.succeed(job.id(), 1, "results/acme/" + job.id() + "/1/result.csv", 10, "cd".repeat(32), 20, "ab", 520, 0, 1,
                "{\"input\":{\"rows\":520}}")).isEqualTo(1);
    }

    private static Job newJob() {
        UUID id = UUID.randomUUID();
        return jobs.save(Job.awaitingUpload(id, "acme", JobSource.API, "prices.csv", JobKeys.inputKey("acme", id),
                "default", null, null, Instant.now()).withCallbackUrl(CALLBACK));
    }

    private static Job processing() {
        Job job = newJob();
        jobs.markQueued(job.id());
        assertThat(jobs.claim(job.id(), "message-" + job.id())).isEqualTo(1);
        return job;
    }
}
