package io.signalbox.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.app.MovableClock;
import io.signalbox.app.tenant.ApiKeyStore;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import io.signalbox.routes.cleanup.JobFiles;
import io.signalbox.routes.cleanup.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdleCleanupTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    private static ApplicationContext context;
    private static JobRepository jobs;

    private final AtomicInteger databaseRuns = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private final JobActivity activity = new JobActivity();

    @BeforeAll
    static void start() {
        context = JobStoreContext.start(DATABASE, Map.of());
        context.getBean(ApiKeyStore.class).ensureTenant("acme");
        jobs = context.getBean(JobRepository.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static final Duration LINGER = Duration.ofMinutes(12);
    private static final Duration IDLE_SLEEP = Duration.ofHours(1);

    @Test
    void runsAtItsIntervalAfterActivityThenLeavesTheDatabaseAloneWhileNothingIsInFlight() {
        jobs.deleteAll();
        IdleCleanup cleanup = cleanup(IDLE_SLEEP);

        cleanup.dueForDeletion();
        clock.advance(Duration.ofMinutes(5));
        cleanup.dueForDeletion();
        assertThat(databaseRuns).as("right after start it runs at its interval").hasValue(2);

        clock.advance(LINGER);
        cleanup.dueForDeletion();
        assertThat(databaseRuns).as("once more after the grace windows").hasValue(3);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMinutes(30));
            cleanup.dueForDeletion();
        }
        assertThat(databaseRuns).as("no job in flight: it sleeps for 50 hours, looking once a day").hasValue(5);

        activity.seen();
        cleanup.dueForDeletion();
        clock.advance(Duration.ofMinutes(1));
        cleanup.dueForDeletion();
        assertThat(databaseRuns).as("a request or a message wakes it").hasValue(7);
    }

    @Test
    void looksOncePerIdleSleepWhileAJobWaitsAndNothingHappens() {
        jobs.deleteAll();
        UUID id = UUID.randomUUID();
        jobs.save(Job.awaitingUpload(id, "acme", JobSource.API, "prices.csv", JobKeys.inputKey("acme", id),
                "default", null, null, Instant.now()));
        IdleCleanup cleanup = cleanup(IDLE_SLEEP);
        clock.advance(LINGER);
        cleanup.dueForDeletion();
        assertThat(databaseRuns).hasValue(1);

        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(30));
            cleanup.dueForDeletion();
        }
        assertThat(databaseRuns).as("six hours with a job waiting: once an hour").hasValue(7);

        jobs.markFilesDeleted(id);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(30));
            cleanup.dueForDeletion();
        }
        assertThat(databaseRuns).as("the job's files are gone: nothing in flight any more").hasValue(8);
    }

    @Test
    void runsAtEveryIntervalWhenTheIdleSleepIsZero() {
        jobs.deleteAll();
        IdleCleanup cleanup = cleanup(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofHours(1));
            cleanup.dueForDeletion();
        }
        assertThat(databaseRuns).hasValue(5);
    }

    private IdleCleanup cleanup(Duration idleSleep) {
        RetentionPolicy counting = new RetentionPolicy() {
            @Override
            public List<JobFiles> dueForDeletion() {
                databaseRuns.incrementAndGet();
                return List.of();
            }

            @Override
            public boolean claim(JobFiles files) {
                return true;
            }

            @Override
            public void deleted(JobFiles files) {
            }
        };
        return new IdleCleanup(counting, jobs::anyUnfinished, activity, idleSleep, LINGER, clock);
    }
}
