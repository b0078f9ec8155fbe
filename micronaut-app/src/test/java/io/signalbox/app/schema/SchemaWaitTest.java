package io.signalbox.app.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class SchemaWaitTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    @Test
    void aProcessThatDoesNotMigrateWaitsForTheMigratingOneAndThenStarts() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(SchemaWait.class);
        log.start();
        logger.addAppender(log);
        CompletableFuture<ApplicationContext> waiting;
        try {
            waiting = CompletableFuture.supplyAsync(() -> JobStoreContext.start(
                    DATABASE, Map.of("flyway.datasources.default.enabled", false, "signalbox.schema.max-wait", "2m",
                            "signalbox.schema.poll-interval", "100ms")));
            Instant deadline = Instant.now().plusSeconds(240);
            while (log.list.stream().noneMatch(event -> event.getFormattedMessage().startsWith("Waiting for the"
                    + " migrations [V1 create-tenants-and-jobs"))) {
                assertThat(Instant.now()).as("the process says which migrations it waits for").isBefore(deadline);
                assertThat(waiting).isNotCompletedExceptionally();
                LockSupport.parkNanos(50_000_000L);
            }
        } finally {
            logger.detachAppender(log);
        }
        assertThat(tableExists("jobs")).as("the waiting process migrates nothing itself").isFalse();
        assertThat(waiting).as("the process waits while the schema lacks migrations").isNotDone();

        migrate();

        try (ApplicationContext started = waiting.get(60, TimeUnit.SECONDS)) {
            assertThat(started.isRunning()).isTrue();
        }
    }

    @Test
    void aProcessThatWaitedInVainFailsNamingTheMissingMigrations() {
        try (Connection connection = DATABASE.connect()) {
            connection.createStatement().execute("DROP TABLE IF EXISTS flyway_schema_history, jobs, tenants CASCADE");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(() -> JobStoreContext.start(DATABASE, Map.of("flyway.datasources.default.enabled", false,
                "signalbox.schema.max-wait", "300ms", "signalbox.schema.poll-interval", "100ms")))
                .isInstanceOf(SchemaNotReadyException.class)
                .hasMessageContaining("V1 create-tenants-and-jobs")
                .hasMessageContaining("SIGNALBOX_DB_MIGRATE=true");
    }

    private static void migrate() {
        Flyway.configure().dataSource(DATABASE.jdbcUrl(), DATABASE.user(), DATABASE.password())
                .schemas(DATABASE.schema()).load().migrate();
    }

    private static boolean tableExists(String table) throws Exception {
        try (Connection connection = DATABASE.connect();
                ResultSet tables = connection.getMetaData().getTables(null, DATABASE.schema(), table, null)) {
            return tables.next();
        }
    }
}
