package io.signalbox.app.schema;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a process that does not migrate ({@code SIGNALBOX_DB_MIGRATE=false}), holds the start until the database has
 * every migration this process carries, which the migrating service of the same deployment applies. Runs before any
 * other start-up work, since that work reads and writes the tables. A process that waited in vain exits naming the
 * missing migrations, and ECS starts it again.
 */
@Singleton
@Requires(property = "flyway.datasources.default.enabled", value = "false")
final class SchemaWait implements ApplicationEventListener<StartupEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaWait.class);

    private final FlywayConfigurationProperties flyway;
    private final DataSource dataSource;
    private final SchemaSettings settings;

    SchemaWait(@Named("default") FlywayConfigurationProperties flyway, DataSource dataSource,
            @Nullable DataSourceResolver resolver, SchemaSettings settings) {
        this.flyway = flyway;
        // The injected data source only lends connections inside a transaction; Flyway manages its own.
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        awaitCurrentSchema();
    }

    /**
     * @throws SchemaNotReadyException when migrations are still missing after the wait
     */
    void awaitCurrentSchema() {
        Instant deadline = Instant.now().plus(settings.maxWait());
        List<String> missing = pending();
        boolean told = false;
        while (!missing.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new SchemaNotReadyException("the database still lacks the migrations " + missing + " after "
                        + settings.maxWait() + "; the service that migrates (SIGNALBOX_DB_MIGRATE=true) has not applied"
                        + " them");
            }
            if (!told) {
                LOG.info("Waiting for the migrations {} to be applied by the migrating service", missing);
                told = true;
            }
            sleep(settings.pollInterval());
            missing = pending();
        }
        LOG.info("The database schema has every migration of this version");
    }

    private List<String> pending() {
        MigrationInfo[] pending;
        try {
            pending = flyway.getFluentConfiguration().dataSource(dataSource).load().info().pending();
        } catch (RuntimeException e) {
            // The database itself may still be starting or resuming; that is worth waiting for too.
            LOG.info("The schema cannot be read yet: {}", e.getMessage());
            return List.of("(unknown: " + e.getMessage() + ")");
        }
        return Arrays.stream(pending).map(info -> "V" + info.getVersion() + " " + info.getDescription()).toList();
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaNotReadyException("interrupted while waiting for the database schema");
        }
    }
}
