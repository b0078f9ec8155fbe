package io.signalbox.app.e2e;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signalbox.app.Application;
import io.signalbox.app.tenant.ApiKeys;
import io.signalbox.fixtures.db.TestDatabase;
import io.signalbox.localaws.LocalAws;
import io.signalbox.topology.BucketLayout;
import io.signalbox.topology.QueueTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system on real parts for one test class: its own PostgreSQL schema in the tests' database, embedded S3-API
 * and SQS-API servers on free ports in a temporary folder, and the application on a free port. The application can
 * be restarted with other settings while the servers and the database keep their state.
 */
final class RunningSignalbox implements AutoCloseable {

    static final String BUCKET = "signalbox";
    static final String API_KEY = "sbx_test_key_for_tenant_acme_0123456789";
    static final String TENANT = "acme";
    private final TestDatabase postgres;
    private final String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Path folder;
    private final LocalAws aws;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final S3Client s3;
    private final SqsClient sqs;
    private ApplicationContext app;
    private final List<ApplicationContext> others = new ArrayList<>();
    private URI baseUri;
    /** The main application's port, known before it starts so that the S3 server lets its web page in (CORS). */
    private final int httpPort = ChildProcess.freePort();

    /** Receives a copy of every event under {@code inbox/}, so that a test can send one again. */
    static final String INBOX_EVENTS_TAP = "test-inbox-events";
    /** Receives a copy of every GetObject event under {@code outbox/}, so that a test can see what was read. */
    static final String READ_EVENTS_TAP = "test-read-events";

    private final List<LocalAws.PartnerCredentials> partners;

    RunningSignalbox(int maxReceiveCount, Duration jobsVisibility) {
        this(maxReceiveCount, jobsVisibility, List.of(), TestDatabase.get());
    }

    /**
     * @param partners partners with their own credentials on the S3 server; the application serves them and the
     *     event taps are set up
     */
    RunningSignalbox(int maxReceiveCount, Duration jobsVisibility, List<LocalAws.PartnerCredentials> partners) {
        this(maxReceiveCount, jobsVisibility, partners, TestDatabase.get());
    }

    /**
     * @param postgres a PostgreSQL database where its user may create a schema
     */
    RunningSignalbox(int maxReceiveCount, Duration jobsVisibility, TestDatabase postgres) {
        this(maxReceiveCount, jobsVisibility, List.of(), postgres);
    }

    private RunningSignalbox(int maxReceiveCount, Duration jobsVisibility, List<LocalAws.PartnerCredentials> partners,
            TestDatabase postgres) {
        this.partners = List.copyOf(partners);
        this.postgres = postgres;
        try {
            folder = Files.createTempDirectory("signalbox-e2e");
            postgres.execute("CREATE SCHEMA " + schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL " + postgres + " refused a new schema: " + e.getMessage(), e);
        }
        LocalAws.Builder awsSettings = LocalAws.builder()
                .dataDirectory(folder.resolve("aws"))
                .s3Port(0)
                .sqsPort(0)
                .region("us-east-1")
                .credentials("signalbox", "test-secret")
                .bucket(BUCKET)
                .corsOrigins(List.of("http://localhost:" + httpPort, "http://127.0.0.1:" + httpPort))
                .signalboxTopology(queue -> queue.equals(QueueTopology.JOBS) ? jobsVisibility : Duration.ofSeconds(2),
                        maxReceiveCount);
        if (!partners.isEmpty()) {
            awsSettings.queue(INBOX_EVENTS_TAP, Duration.ofSeconds(30), maxReceiveCount)
                    .queue(READ_EVENTS_TAP, Duration.ofSeconds(30), maxReceiveCount)
                    .objectEvents(List.of(BucketLayout.INBOX), INBOX_EVENTS_TAP)
                    .getObjectEvents(List.of(BucketLayout.OUTBOX), READ_EVENTS_TAP);
        }
        for (LocalAws.PartnerCredentials partner : partners) {
            awsSettings.partner(partner.name(), partner.accessKey(), partner.secretKey());
        }
        aws = awsSettings.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("signalbox", "test-secret"));
        s3 = S3Client.builder().endpointOverride(aws.s3Endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        sqs = SqsClient.builder().endpointOverride(aws.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    /**
     * Starts the application, stopping a running one first.
     *
     * @param overrides settings for this start, e.g. {@code ROUTE_GROUPS} as {@code signalbox.route-groups}
     */
    RunningSignalbox start(Map<String, Object> overrides) {
        return start(overrides, List.of());
    }

    /**
     * Starts the application, stopping a running one first.
     *
     * @param overrides settings for this start
     * @param beans objects the application gets as beans, such as an AWS call interceptor
     */
    RunningSignalbox start(Map<String, Object> overrides, List<Object> beans) {
        stopApp();
        Map<String, Object> onItsPort = new HashMap<>(overrides);
        onItsPort.putIfAbsent("micronaut.server.port", httpPort);
        app = launch(onItsPort, beans);
        baseUri = app.getBean(EmbeddedServer.class).getURI();
        return this;
    }

    /**
     * Starts one more application beside the main one, on the same servers and database, as another service of the
     * same deployment would run (typically with other route groups); it stops with this.
     *
     * @param overrides settings of this one
     * @param beans objects it gets as beans
     * @return its context
     */
    ApplicationContext startAnother(Map<String, Object> overrides, List<Object> beans) {
        ApplicationContext another = launch(overrides, beans);
        others.add(another);
        return another;
    }

    private ApplicationContext launch(Map<String, Object> overrides, List<Object> beans) {
        ApplicationContext context = ApplicationContext.builder(Application.class).properties(settings(overrides))
                .singletons(beans.toArray()).start();
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    /**
     * @param overrides settings that replace or add to the defaults
     * @return the settings the application runs with here: this schema, these servers, this tenant
     */
    Map<String, Object> settings(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("datasources.default.url", postgres.url(schema));
        properties.put("datasources.default.username", postgres.user());
        properties.put("datasources.default.password", postgres.password());
        properties.put("flyway.datasources.default.schemas", schema);
        properties.put("signalbox.storage.endpoint", aws.s3Endpoint().toString());
        properties.put("signalbox.queues.endpoint", aws.sqsEndpoint().toString());
        properties.put("signalbox.aws.access-key-id", "signalbox");
        properties.put("signalbox.aws.secret-access-key", "test-secret");
        properties.put("signalbox.queues.wait-time-seconds", 1);
        properties.put("signalbox.bootstrap.tenant", TENANT);
        properties.put("signalbox.bootstrap.api-key", API_KEY);
        properties.put("signalbox.camel.shutdown-timeout", "5s");
        properties.put("signalbox.partners.names",
                String.join(",", partners.stream().map(LocalAws.PartnerCredentials::name).toList()));
        properties.put("signalbox.jolokia.port", 0);
        properties.putAll(overrides);
        return properties;
    }

    /**
     * @param base where the application of another process answers, e.g. {@code http://127.0.0.1:8080/}
     */
    void useApplicationAt(URI base) {
        baseUri = base;
    }

    void stopApp() {
        for (ApplicationContext another : others) {
            if (another.isRunning()) {
                another.findBean(EmbeddedServer.class).ifPresent(EmbeddedServer::stop);
                another.close();
            }
        }
        others.clear();
        if (app != null && app.isRunning()) {
            app.findBean(EmbeddedServer.class).ifPresent(EmbeddedServer::stop);
            app.close();
        }
        app = null;
    }

    ApplicationContext app() {
        return app;
    }

    URI uri(String path) {
        return baseUri.resolve(path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + API_KEY).timeout(Duration.ofSeconds(60));
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    LocalAws aws() {
        return aws;
    }

    S3Client s3() {
        return s3;
    }

    SqsClient sqs() {
        return sqs;
    }

    List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    String schema() {
        return schema;
    }

    /**
     * @return how many jobs the database holds, of every tenant
     */
    long jobCount() throws SQLException {
        try (Connection db = database(); ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM jobs")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    Connection database() throws SQLException {
        return postgres.connect(schema);
    }

    /**
     * @param jobId a job
     * @return how many reads of its result the service has recorded
     */
    int readsRecorded(String jobId) {
        try (Connection db = database();
                PreparedStatement count = db.prepareStatement("SELECT count(*) FROM result_reads WHERE job_id = ?")) {
            count.setObject(1, UUID.fromString(jobId));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the reads of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a tenant with an API key of its own, straight into the database of the running application.
     *
     * @param tenant the tenant's id
     * @return its API key
     */
    String addTenant(String tenant) {
        String key = ApiKeys.generate();
        try (Connection db = database();
                PreparedStatement addTenant = db.prepareStatement("INSERT INTO tenants (id, display_name) VALUES (?, ?)");
                PreparedStatement addKey = db.prepareStatement(
                        "INSERT INTO api_keys (key_hash, tenant_id, key_prefix) VALUES (?, ?, ?)")) {
            addTenant.setString(1, tenant);
            addTenant.setString(2, tenant);
            addTenant.execute();
            addKey.setString(1, ApiKeys.hash(key));
            addKey.setString(2, tenant);
            addKey.setString(3, ApiKeys.prefix(key));
            addKey.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    @Override
    public void close() {
        stopApp();
        s3.close();
        sqs.close();
        aws.close();
        try {
            postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
