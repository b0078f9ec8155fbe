package io.signalbox.app.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signalbox.fixtures.aws.LocalAwsExtension;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import io.signalbox.routes.common.ObjectEventReader;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The Camel context as a Micronaut bean: routes by group, Micronaut beans visible to Camel, stopped with the app. */
class CamelHostingTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder().build();

    @Test
    void startsOnlyTheRoutesOfTheSelectedGroupsPlusTheStorageRoutes() {
        try (ApplicationContext app = start("ingest")) {
            CamelContext camel = app.getBean(CamelContext.class);
            var ids = camel.getRoutes().stream().map(Route::getRouteId).toList();
            assertThat(ids).filteredOn(id -> !id.startsWith("storage-")).containsExactly("ingest-receive", "ingest-drop");
            assertThat(ids).contains("storage-store", "storage-open", "storage-delete-prefix", "storage-delete-object");
            assertThat(camel.getName()).isEqualTo("signalbox");
        }
    }

    @Test
    void startsEveryGroupByDefault() {
        try (ApplicationContext app = start("all")) {
            assertThat(app.getBean(CamelContext.class).getRoutes()).extracting(Route::getRouteId)
                    .contains("ingest-receive", "process-run", "process-dead-letter", "cleanup-expired");
        }
    }

    @Test
    void findsMicronautBeansByTypeAndByName() {
        try (ApplicationContext app = start("api")) {
            var registry = app.getBean(CamelContext.class).getRegistry();
            assertThat(registry.findByType(S3Client.class)).containsExactly(app.getBean(S3Client.class));
            assertThat(registry.findByType(SqsClient.class)).hasSize(1);
            assertThat(registry.lookupByName("eventReaderForTest")).isSameAs(app.getBean(NamedReader.class).reader());
            assertThat(registry.lookupByNameAndType("eventReaderForTest", ObjectEventReader.class)).isNotNull();
            assertThat(registry.lookupByName("no-such-bean")).isNull();
        }
    }

    @Test
    void stopsCamelWhenTheApplicationStops() {
        ApplicationContext app = start("api");
        CamelContext camel = app.getBean(CamelContext.class);
        assertThat(camel.getStatus()).isEqualTo(ServiceStatus.Started);
        app.close();
        assertThat(camel.getStatus()).isEqualTo(ServiceStatus.Stopped);
    }

    private static ApplicationContext start(String routeGroups) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spec.name", "CamelHostingTest");
        properties.put("datasources.default.url", DATABASE.jdbcUrl());
        properties.put("datasources.default.username", DATABASE.user());
        properties.put("datasources.default.password", DATABASE.password());
        properties.put("flyway.datasources.default.schemas", DATABASE.schema());
        properties.put("signalbox.route-groups", routeGroups);
        properties.put("signalbox.storage.endpoint", AWS.s3Endpoint().toString());
        properties.put("signalbox.queues.endpoint", AWS.sqsEndpoint().toString());
        properties.put("signalbox.aws.access-key-id", AWS.accessKey());
        properties.put("signalbox.aws.secret-access-key", AWS.secretKey());
        properties.put("signalbox.queues.wait-time-seconds", 1);
        properties.put("signalbox.camel.shutdown-timeout", "5s");
        return ApplicationContext.run(properties);
    }

    /** A bean known to Camel only by its {@code @Named} name. */
    @Singleton
    @io.micronaut.context.annotation.Requires(property = "spec.name", value = "CamelHostingTest")
    static final class NamedReader {

        private final ObjectEventReader reader;

        NamedReader(@Named("eventReaderForTest") ObjectEventReader reader) {
            this.reader = reader;
        }

        ObjectEventReader reader() {
            return reader;
        }
    }

    @io.micronaut.context.annotation.Factory
    @io.micronaut.context.annotation.Requires(property = "spec.name", value = "CamelHostingTest")
    static final class NamedReaderFactory {

        @Singleton
        @Named("eventReaderForTest")
        ObjectEventReader eventReader() {
            return new ObjectEventReader();
        }
    }
}
