package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalbox.fixtures.db.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;

/**
 * What a {@code @MicronautTest} of the HTTP layer starts the application with: the route group {@code api}, a
 * PostgreSQL schema of the test class's own (migrated by the application, dropped by {@link #close()}), a tenant
 * with an API key, and an S3 and SQS endpoint nothing answers, so that a test that reached storage would fail.
 * Register it as a field of a {@code @TestInstance(PER_CLASS)} test class whose {@code getProperties()} answers
 * {@link #properties()}, and close it in an {@code @AfterAll} method.
 */
public final class ApiTestApplication implements AutoCloseable {

    /** The tenant every request of these tests is made for. */
    public static final String TENANT = "acme";
    /** That tenant's API key. */
    public static final String API_KEY = "sbx_test_" + "k".repeat(32);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database = TestDatabase.get();
    private final String schema;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    /**
     * @param testClass the test class, which names its schema
     */
    public ApiTestApplication(Class<?> testClass) {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        schema = ("t_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_" + HexFormat.of().formatHex(suffix));
        try {
            database.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema + " in " + database + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @return the application's settings for these tests
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", database.url(schema));
        properties.put("datasources.default.username", database.user());
        properties.put("datasources.default.password", database.password());
        properties.put("flyway.datasources.default.schemas", schema);
        properties.put("signalbox.route-groups", "api");
        properties.put("signalbox.storage.endpoint", "http://127.0.0.1:9");
        properties.put("signalbox.queues.endpoint", "http://127.0.0.1:9");
        properties.put("signalbox.aws.access-key-id", "unused");
        properties.put("signalbox.aws.secret-access-key", "unused");
        properties.put("signalbox.bootstrap.tenant", TENANT);
        properties.put("signalbox.bootstrap.api-key", API_KEY);
        return properties;
    }

    /**
     * @param server where the started application answers
     */
    public void answersAt(URI server) {
        base = server;
    }

    /**
     * @param path the path and query
     * @return a request of the test tenant
     */
    public HttpRequest.Builder request(String path) {
        return anonymous(path).header("Authorization", "Bearer " + API_KEY);
    }

    /**
     * @param path the path and query
     * @return a request without credentials
     */
    public HttpRequest.Builder anonymous(String path) {
        if (base == null) {
            throw new IllegalStateException("call answersAt(server.getURI()) before the first request");
        }
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    /**
     * @param request the request
     * @return the answer, its body as text
     */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param response an answer with a JSON body
     * @return the body's tree
     */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /**
     * Asserts that an answer is a problem detail of this application with the answer's status and this error code.
     *
     * @param response the answer
     * @param error the expected error code, such as {@code not_found}
     * @return an assertion on the problem's {@code detail}
     */
    public static AbstractStringAssert<?> assertProblem(HttpResponse<String> response, String error) {
        assertThat(response.headers().firstValue("Content-Type")).as("content type of " + response.body())
                .contains("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).as("status in " + response.body()).isEqualTo(response.statusCode());
        assertThat(problem.path("error").asText()).as("error in " + response.body()).isEqualTo(error);
        assertThat(problem.path("type").asText()).isEqualTo("tag:signalbox,2025:problem/" + error);
        return assertThat(problem.path("detail").asText());
    }

    /** Drops the schema with everything in it. */
    @Override
    public void close() throws SQLException {
        database.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
