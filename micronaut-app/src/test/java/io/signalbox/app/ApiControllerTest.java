package io.signalbox.app;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What a controller's HTTP test (annotated {@code @MicronautTest(transactional = false)}) stands on: the application
 * of {@link ApiTestApplication} in a schema of the test class's own, addressed at the embedded server's port, and the
 * schema dropped once the class has run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiControllerTest implements TestPropertyProvider {

    /** The application under test, as a client reaches it. */
    protected final ApiTestApplication app = new ApiTestApplication(getClass());

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return app.properties();
    }

    @BeforeEach
    protected void addressTheServer() {
        app.answersAt(server.getURI());
    }

    @AfterAll
    protected void dropTheSchema() throws SQLException {
        app.close();
    }
}
