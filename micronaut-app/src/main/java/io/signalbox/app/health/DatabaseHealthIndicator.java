package io.signalbox.app.health;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Readiness: the job store answers a query. Shows no connection URL, since health details are public.
 * Replaces Micronaut's own JDBC indicator, which shows the URL.
 */
@Singleton
@Readiness
final class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final int QUERY_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;

    /**
     * @param dataSource the application's data source, which only hands out connections inside a transaction
     * @param resolver finds the pool behind it, which this check borrows a connection from directly
     */
    DatabaseHealthIndicator(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            healthStatus = HealthStatus.UP;
            return Map.of("database", connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the job store is unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    protected String getName() {
        return "database";
    }
}
