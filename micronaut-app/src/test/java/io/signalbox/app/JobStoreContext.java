package io.signalbox.app;

import io.micronaut.context.ApplicationContext;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import java.util.HashMap;
import java.util.Map;

/**
 * The application's beans on the job store alone: the test class's own PostgreSQL schema, migrated, and the route
 * group {@code api}, with an S3 endpoint that nothing answers, for tests of services that only read and write rows.
 */
public final class JobStoreContext {

    private JobStoreContext() {
    }

    /**
     * @param database the test class's schema
     * @param settings further settings of the test
     * @return the started context; the caller closes it
     */
    public static ApplicationContext start(PostgresSchemaExtension database, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.username", database.user(),
                "datasources.default.password", database.password(),
                "flyway.datasources.default.schemas", database.schema(),
                "signalbox.route-groups", "api",
                "signalbox.storage.endpoint", "http://127.0.0.1:9",
                "signalbox.aws.access-key-id", "unused",
                "signalbox.aws.secret-access-key", "unused"));
        properties.putAll(settings);
        return ApplicationContext.run(properties);
    }
}
