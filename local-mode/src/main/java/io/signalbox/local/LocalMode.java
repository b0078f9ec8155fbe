package io.signalbox.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signalbox.app.partner.PickupSettings;
import io.signalbox.app.jmx.JolokiaAgent;
import io.signalbox.app.webhook.WebhookSettings;
import io.signalbox.localaws.LocalAws;
import io.signalbox.topology.BucketLayout;
import io.signalbox.topology.QueueTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole system on one machine: an embedded PostgreSQL (or an external one), real S3-API and SQS-API
 * servers on loopback that publish the same events as AWS, every route group and the REST API. Everything it keeps
 * lives under {@code SIGNALBOX_HOME}; deleting that folder resets it.
 */
public final class LocalMode {

    static final String TENANT = "local";
    static final String REGION = "us-east-1";
    static final String BUCKET = "signalbox";
    static final String SERVICE_ACCESS_KEY = "signalbox";
    /** The name of the embedded PostgreSQL's password in {@code secrets.properties}. */
    static final String POSTGRES_PASSWORD = "postgres-password";

    private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);

    private LocalMode() {
    }

    /**
     * Starts local mode and blocks until the process is asked to stop.
     *
     * @throws LocalModeException when a setting or this machine keeps local mode from starting, said so that the
     *     user can fix it
     * @throws Exception when a part cannot start; what had started is stopped again
     */
    static void run() throws Exception {
        long started = System.nanoTime();
        LocalSettings settings = LocalSettings.from(System.getenv());
        Files.createDirectories(settings.home());
        HomeLock lock = HomeLock.acquire(settings.home(), holder(settings.httpPort(), settings.s3Port(),
                settings.sqsPort()));
        try {
            FreePorts.require(settings);
        } catch (LocalModeException e) {
            lock.close();
            throw e;
        }
        LocalSecrets secrets = LocalSecrets.load(settings.home());
        String apiKey = settings.apiKey().orElseGet(() -> secrets.getOrGenerate("api-key"));
        String serviceSecret = secrets.getOrGenerate("s3-secret-key");
        List<LocalPartner> partners = settings.partners().stream()
                .map(name -> new LocalPartner(name, "partner-" + name,
                        secrets.getOrGenerate("partner." + name + ".s3-secret-key"),
                        secrets.getOrGenerate("partner." + name + ".api-key")))
                .toList();

        LocalPostgres postgres = null;
        LocalAws aws = null;
        ApplicationContext context = null;
        try {
            String jdbcUrl;
            Map<String, Object> properties = new LinkedHashMap<>();
            if (settings.externalDatabaseUrl().isPresent()) {
                jdbcUrl = settings.externalDatabaseUrl().get();
            } else {
                postgres = LocalPostgres.start(settings.home(), secrets.getOrGenerate(POSTGRES_PASSWORD));
                jdbcUrl = postgres.jdbcUrl();
                properties.put("datasources.default.username", LocalPostgres.USER);
                properties.put("datasources.default.password", postgres.password());
            }
            properties.put("datasources.default.url", jdbcUrl);

            LocalAws.Builder awsSettings = LocalAws.builder()
                    .dataDirectory(settings.home().resolve("aws"))
                    .host("127.0.0.1")
                    .s3Port(settings.s3Port())
                    .sqsPort(settings.sqsPort())
                    .region(REGION)
                    .credentials(SERVICE_ACCESS_KEY, serviceSecret)
                    .bucket(BUCKET)
                    .signalboxTopology(queue -> Duration.ofSeconds(queue.equals(QueueTopology.JOBS) ? 120 : 60), 5)
                    // The page the API serves uploads and downloads straight to and from the S3 port.
                    .corsOrigins(List.of("http://localhost:" + settings.httpPort(), "http://127.0.0.1:" + settings.httpPort()))
                    .persistentQueues(true);
            for (LocalPartner partner : partners) {
                awsSettings.partner(partner.name(), partner.accessKeyId(), partner.secretAccessKey());
                properties.put("signalbox.partners.api-keys." + partner.name(), partner.apiKey());
            }
            properties.put("signalbox.partners.names", String.join(",", settings.partners()));
            aws = awsSettings.start();

            properties.put("micronaut.server.port", settings.httpPort());
            properties.put("signalbox.storage.bucket", BUCKET);
            properties.put("signalbox.storage.region", REGION);
            properties.put("signalbox.storage.endpoint", aws.s3Endpoint().toString());
            properties.put("signalbox.queues.endpoint", aws.sqsEndpoint().toString());
            properties.put("signalbox.aws.access-key-id", SERVICE_ACCESS_KEY);
            properties.put("signalbox.aws.secret-access-key", serviceSecret);
            properties.put("signalbox.bootstrap.tenant", TENANT);
            properties.put("signalbox.bootstrap.api-key", apiKey);
            if (System.getenv("SIGNALBOX_WEBHOOKS_SECRETS_LOCAL") == null) {
                properties.put("signalbox.webhooks.secrets." + TENANT, secrets.getOrGenerate("webhook-secret"));
            }

            context = ApplicationContext.builder()
                    .environments("local")
                    .properties(properties)
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();

            String jmx = context.findBean(JolokiaAgent.class).map(agent -> agent.url().toString()).orElse("off");
            LocalInfo info = new LocalInfo(server.getURL().toString(), apiKey,
                    context.getBean(WebhookSettings.class).secrets().get(TENANT), aws.s3Endpoint().toString(), REGION,
                    BUCKET, SERVICE_ACCESS_KEY, serviceSecret, aws.sqsEndpoint().toString(), settings.home().toString(),
                    partners, context.getBean(PickupSettings.class).grace(), jmx);
            lock.describe(holder(server.getPort(), aws.s3Endpoint().getPort(), aws.sqsEndpoint().getPort()));
            writeInfo(settings.home(), info);
            System.out.println(banner(info, Duration.ofNanos(System.nanoTime() - started)));
        } catch (Exception | Error e) {
            stop(context, aws, postgres);
            lock.close();
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        ApplicationContext runningContext = context;
        LocalAws runningAws = aws;
        LocalPostgres runningPostgres = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(runningContext, runningAws, runningPostgres);
            lock.close();
            stopped.countDown();
        }, "signalbox-local-shutdown"));
        stopped.await();
    }

    private static String holder(int httpPort, int s3Port, int sqsPort) {
        return "local mode, pid " + ProcessHandle.current().pid() + " (REST API port " + httpPort + ", S3 port "
                + s3Port + ", SQS port " + sqsPort + ")";
    }

    /** The application stops first, so that nothing in flight loses its database or storage underneath it. */
    private static void stop(ApplicationContext context, LocalAws aws, LocalPostgres postgres) {
        if (context != null && context.isRunning()) {
            try {
                context.findBean(EmbeddedServer.class).ifPresent(EmbeddedServer::stop);
                context.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the application: {}", e.getMessage());
            }
        }
        if (aws != null) {
            aws.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void writeInfo(Path home, LocalInfo info) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("api", Map.of("url", info.apiUrl(), "apiKey", info.apiKey(), "tenant", TENANT,
                "webhookSecret", info.webhookSecret()));
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("endpoint", info.s3Endpoint());
        s3.put("region", info.region());
        s3.put("bucket", info.bucket());
        s3.put("accessKeyId", info.accessKeyId());
        s3.put("secretAccessKey", info.secretAccessKey());
        json.put("s3", s3);
        json.put("sqs", Map.of("endpoint", info.sqsEndpoint()));
        List<Map<String, Object>> partners = new ArrayList<>();
        for (LocalPartner partner : info.partners()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", partner.name());
            entry.put("inbox", "s3://" + info.bucket() + "/" + BucketLayout.inbox(partner.name()));
            entry.put("outbox", "s3://" + info.bucket() + "/" + BucketLayout.outbox(partner.name()));
            entry.put("accessKeyId", partner.accessKeyId());
            entry.put("secretAccessKey", partner.secretAccessKey());
            entry.put("apiKey", partner.apiKey());
            partners.add(entry);
        }
        json.put("partners", partners);
        json.put("pickupGraceSeconds", info.pickupGrace().toSeconds());
        json.put("home", info.home());
        OwnerOnlyFiles.write(home.resolve("local.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
    }

    private static String banner(LocalInfo info, Duration took) {
        List<String> lines = new ArrayList<>(List.of(
                "",
                "Signalbox is running in local mode (started in " + took.toMillis() / 100 / 10.0 + " s)",
                "  Web page      " + info.apiUrl() + "/   (sign in with the API key)",
                "  REST API      " + info.apiUrl() + "   (described at " + info.apiUrl() + "/docs)",
                "  API key       " + info.apiKey(),
                "  webhook key   " + info.webhookSecret() + "   (signs callbackUrl events: docs/webhooks.md)",
                "  S3 endpoint   " + info.s3Endpoint() + "  (region " + info.region() + ", bucket " + info.bucket() + ")",
                "  SQS endpoint  " + info.sqsEndpoint(),
                "  JMX (hawtio)  " + info.jmx() + "   (./signalbox hawtio)"));
        for (LocalPartner partner : info.partners()) {
            lines.add(String.format("  %-14s%s", "partner " + partner.name(), "drops into s3://" + info.bucket()
                    + "/" + BucketLayout.inbox(partner.name()) + ", picks up from s3://" + info.bucket() + "/"
                    + BucketLayout.outbox(partner.name()) + " (pickup grace " + info.pickupGrace().toSeconds() + " s)"));
            lines.add("                S3 access key " + partner.accessKeyId() + "  secret " + partner.secretAccessKey());
            lines.add("                API key " + partner.apiKey());
        }
        lines.addAll(List.of(
                "  data          " + info.home() + "   (settings and credentials: local.json)",
                "  stop          Ctrl+C",
                ""));
        return String.join(System.lineSeparator(), lines);
    }

    private record LocalInfo(String apiUrl, String apiKey, String webhookSecret, String s3Endpoint, String region,
            String bucket, String accessKeyId, String secretAccessKey, String sqsEndpoint, String home,
            List<LocalPartner> partners, Duration pickupGrace, String jmx) {
    }

    /** A partner of local mode: its tenant's API key and its own S3 credentials on the embedded server. */
    private record LocalPartner(String name, String accessKeyId, String secretAccessKey, String apiKey) {
    }
}
