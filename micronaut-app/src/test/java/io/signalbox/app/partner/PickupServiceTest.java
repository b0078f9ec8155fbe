package io.signalbox.app.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import io.signalbox.routes.cleanup.ObjectRead;
import io.signalbox.routes.cleanup.ResultPickups;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Partners' reads of their results against the real job store: the reads of one download, each its own CloudTrail
 * event, make one pickup once together they delivered the whole result.
 */
class PickupServiceTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();
    private static final long SIZE = 20_000_000;
    private static final long PART = 8 * 1024 * 1024;

    private static ApplicationContext context;
    private static ResultPickups pickups;
    private UUID job;
    private String result;
    private int events;

    @BeforeAll
    static void start() {
        context = JobStoreContext.start(DATABASE, Map.of(
                "signalbox.partners.names", "acme",
                "signalbox.pickup.grace", "1h"));
        pickups = context.getBean(ResultPickups.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void dropWithAResultWaitingForPickup() throws SQLException {
        job = UUID.randomUUID();
        result = "outbox/acme/" + job + "/prices.result.csv";
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement("""
                WITH new_job AS (
                    INSERT INTO jobs (id, tenant_id, status, source, input_name, input_key, result_key, recipe_preset,
                                      result_bytes, created_at, succeeded_at, updated_at)
                    VALUES (?, 'acme', 'SUCCEEDED', 'DROP', 'prices.csv', ?, ?, 'default', ?, now(), now(), now())
                    RETURNING id)
                INSERT INTO drops (job_id, tenant_id, drop_key, drop_version, outbox_name, outbox_written_at)
                SELECT id, 'acme', ?, 'v1', ?, now() - interval '1 minute' FROM new_job""")) {
            insert.setObject(1, job);
            insert.setString(2, "uploads/acme/" + job + "/input");
            insert.setString(3, result);
            insert.setLong(4, SIZE);
            insert.setString(5, "inbox/acme/" + job + "/prices.csv");
            insert.setString(6, "outbox/acme/" + job + "/prices");
            insert.executeUpdate();
        }
    }

    @Test
    void thePartsOfARangedDownloadMakeOnePickupOnceTheLastOfThemArrives() throws SQLException {
        List<ObjectRead> parts = parts();

        for (ObjectRead part : parts.subList(0, parts.size() - 1)) {
            pickups.read(part);
        }
        assertThat(pickedUpAt()).isNull();
        pickups.read(parts.get(parts.size() - 1));

        assertThat(pickedUpAt()).isNotNull();
        assertThat(Duration.between(pickedUpAt(), pickupDueAt())).isEqualTo(Duration.ofHours(1));
        assertThat(reads("counted_at IS NOT NULL")).isEqualTo(parts.size());
    }

    @Test
    void aReadCutShortIsNoPickup() throws SQLException {
        pickups.read(read(null, SIZE - 1));
        pickups.read(read("bytes=0-", PART));

        assertThat(pickedUpAt()).isNull();
    }

    @Test
    void aPartWhoseEventArrivesTwiceCountsOnce() throws SQLException {
        ObjectRead first = read(null, 12_000_000L);

        pickups.read(first);
        pickups.read(first);
        pickups.read(read(null, 7_000_000L));

        assertThat(pickedUpAt()).isNull();
        assertThat(reads("true")).isEqualTo(2);
    }

    @Test
    void thePartsOfOneDownloadHandledAtTheSameTimeSeeEachOther() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < 20; trial++) {
                dropWithAResultWaitingForPickup();
                List<ObjectRead> halves = List.of(read(null, SIZE / 2), read(null, SIZE - SIZE / 2));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> done = new ArrayList<>();
                for (ObjectRead half : halves) {
                    done.add(threads.submit(() -> {
                        together.await();
                        pickups.read(half);
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }

                assertThat(pickedUpAt()).as("trial %d", trial).isNotNull();
                assertThat(reads("counted_at IS NOT NULL")).isEqualTo(2);
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aLaterCompleteDownloadStartsTheGraceWindowAgainButAStrayPartDoesNot() throws Exception {
        parts().forEach(pickups::read);
        Instant first = pickedUpAt();

        Thread.sleep(20);
        pickups.read(read(null, PART));
        assertThat(pickedUpAt()).isEqualTo(first);

        parts().forEach(pickups::read);
        assertThat(pickedUpAt()).isAfter(first);
    }

    @Test
    void readsOfTheSummaryOrOfAnotherPartnersOutboxAreNoPickup() throws SQLException {
        pickups.read(new ObjectRead("e1", "signalbox", result.replace(".result.csv", ".summary.json"), null, null,
                null));
        pickups.read(new ObjectRead("e2", "signalbox", result.replace("/acme/", "/globex/"), null, null, null));
        pickups.read(new ObjectRead("e3", "another-bucket", result, null, null, null));

        assertThat(pickedUpAt()).isNull();
        assertThat(reads("true")).isZero();
    }

    /** The GETs of {@code aws s3 cp}, as CloudTrail records them: no Range, the bytes each part sent. */
    private List<ObjectRead> parts() {
        List<ObjectRead> parts = new ArrayList<>();
        for (long from = 0; from < SIZE; from += PART) {
            parts.add(read(null, Math.min(PART, SIZE - from)));
        }
        return parts;
    }

    private ObjectRead read(String range, Long bytesSent) {
        return new ObjectRead(job + "-" + events++, "signalbox", result, range, bytesSent, Instant.now());
    }

    private Instant pickedUpAt() throws SQLException {
        return instant("SELECT picked_up_at FROM drops WHERE job_id = ?");
    }

    private Instant pickupDueAt() throws SQLException {
        return instant("SELECT pickup_due_at FROM jobs WHERE id = ?");
    }

    private Instant instant(String select) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(select)) {
            query.setObject(1, job);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp value = rows.getTimestamp(1);
                return value == null ? null : value.toInstant();
            }
        }
    }

    /** Counts this job's recorded reads, of all of them or of those {@code condition} picks. */
    private long reads(String condition) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM result_reads WHERE job_id = ? AND " + condition)) {
            query.setObject(1, job);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        return DATABASE.connect();
    }
}
