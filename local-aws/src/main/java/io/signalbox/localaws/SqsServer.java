package io.signalbox.localaws;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.http.scaladsl.Http;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Option;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;
import scala.util.Either;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPoolSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * ElasticMQ in its own actor system, optionally with its H2 message store, plus an SQS client of its own for
 * creating queues and publishing object events.
 */
final class SqsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsServer.class);

    /** ElasticMQ keeps the H2 store's connection pool in a JVM-wide singleton, so one persistent server at a time. */
    private static final AtomicReference<Path> PERSISTENT_QUEUES_IN_USE = new AtomicReference<>();

    private static final String METRICS_BEAN = "org.elasticmq:name=Queues";
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    private static final FiniteDuration UNBIND_DEADLINE = FiniteDuration.apply(1, TimeUnit.SECONDS);
    private static final FiniteDuration TERMINATE_WAIT = FiniteDuration.apply(30, TimeUnit.SECONDS);

    private final ActorSystem system;
    private final Http.ServerBinding binding;
    private final URI endpoint;
    private final SqsClient client;
    private final Path persistenceDirectory;
    private final boolean ownsMetricsBean;

    private SqsServer(ActorSystem system, Http.ServerBinding binding, URI endpoint, SqsClient client,
            Path persistenceDirectory, boolean ownsMetricsBean) {
        this.system = system;
        this.binding = binding;
        this.endpoint = endpoint;
        this.client = client;
        this.persistenceDirectory = persistenceDirectory;
        this.ownsMetricsBean = ownsMetricsBean;
    }

    /**
     * @param persistenceDirectory where the H2 message store lives, or {@code null} for queues in memory
     */
    static SqsServer start(String host, int port, String region, Path persistenceDirectory) {
        if (persistenceDirectory != null && !PERSISTENT_QUEUES_IN_USE.compareAndSet(null, persistenceDirectory)) {
            throw new IllegalStateException("Persistent queues under " + persistenceDirectory + " cannot start: a"
                    + " LocalAws with persistent queues under " + PERSISTENT_QUEUES_IN_USE.get() + " is running in"
                    + " this JVM, and ElasticMQ keeps one JVM-wide connection pool for them");
        }
        boolean metricsBeanExisted = metricsBeanRegistered();
        ActorSystem system = ActorSystem.create("local-sqs", actorSystemConfig(), SqsServer.class.getClassLoader());
        try {
            ActorRef listener = persistenceDirectory == null ? null : startPersistence(system, persistenceDirectory);
            ActorRef queueManager = system.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
                    StrictSQSLimits$.MODULE$, Option.apply(listener)), "queue-manager");
            if (listener != null) {
                restore(listener, queueManager);
            }
            Http.ServerBinding binding = bind(system, queueManager, host, port, region);
            URI endpoint = URI.create("http://" + S3Server.uriHost(S3Server.clientHost(host)) + ":"
                    + binding.localAddress().getPort());
            SqsClient client = SqsClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            return new SqsServer(system, binding, endpoint, client, persistenceDirectory,
                    !metricsBeanExisted && metricsBeanRegistered());
        } catch (RuntimeException e) {
            terminate(system);
            releasePersistence(persistenceDirectory);
            throw e;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    SqsClient client() {
        return client;
    }

    /**
     * Creates each queue and its dead-letter queue, or gives existing ones the declared settings.
     *
     * @return every queue's name, dead-letter queues included, with its URL
     */
    Map<String, String> provision(Collection<DeclaredQueue> queues) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (DeclaredQueue queue : queues) {
            String deadLetterUrl = ensureQueue(queue.deadLetterName(), Map.of());
            String deadLetterArn = client.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":"
                    + queue.maxReceiveCount() + "}";
            String url = ensureQueue(queue.name(), Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queue.visibilityTimeout().toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
            urls.put(queue.name(), url);
            urls.put(queue.deadLetterName(), deadLetterUrl);
        }
        return urls;
    }

    @Override
    public void close() {
        client.close();
        try {
            Await.result(binding.terminate(UNBIND_DEADLINE), TERMINATE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("The SQS server did not unbind cleanly", e);
        }
        terminate(system);
        if (ownsMetricsBean) {
            unregisterMetricsBean();
        }
        releasePersistence(persistenceDirectory);
    }

    private String ensureQueue(String name, Map<QueueAttributeName, String> attributes) {
        try {
            String url = client.getQueueUrl(request -> request.queueName(name)).queueUrl();
            if (!attributes.isEmpty()) {
                client.setQueueAttributes(request -> request.queueUrl(url).attributes(attributes));
            }
            return url;
        } catch (QueueDoesNotExistException e) {
            return client.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        }
    }

    /**
     * Pekko's reference settings plus what ElasticMQ's own server sets, and nothing from the application's
     * configuration files: the host application's {@code application.conf} or {@code application.properties} are
     * not meant for this actor system.
     */
    private static Config actorSystemConfig() {
        return ConfigFactory.parseString("""
                pekko {
                  loglevel = "INFO"
                  loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                  logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                  log-dead-letters-during-shutdown = off
                  daemonic = on
                  jvm-shutdown-hooks = off
                  coordinated-shutdown.run-by-jvm-shutdown-hook = off
                  http.server {
                    parsing.illegal-header-warnings = off
                    parsing.max-uri-length = 256k
                    # a ReceiveMessage long poll lasts up to 20 seconds
                    request-timeout = 21 s
                  }
                }
                """).withFallback(ConfigFactory.defaultReference(SqsServer.class.getClassLoader()));
    }

    private static ActorRef startPersistence(ActorSystem system, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LocalAwsException("The SQS data folder " + directory + " could not be created: " + e, e);
        }
        // WRITE_DELAY=0: a message the server has acknowledged is on disk, so even a killed process loses none.
        String url = "jdbc:h2:file:" + directory.resolve("messages") + ";WRITE_DELAY=0";
        // ElasticMQ sets up this JVM-wide pool only once per JVM; setting it here points it at this directory.
        ConnectionPoolSettings settings = ConnectionPool.singleton$default$4();
        ConnectionPool.singleton(url, "", "", settings, ConnectionPool.singleton$default$5(url, "", "", settings));
        SqlQueuePersistenceConfig config = SqlQueuePersistenceConfig.apply(true, "org.h2.Driver", url, "", "", false);
        return system.actorOf(Props.create(SqlQueuePersistenceActor.class, config,
                scala.collection.immutable.List$.MODULE$.empty()), "queue-persistence");
    }

    private static void restore(ActorRef listener, ActorRef queueManager) {
        Object result;
        try {
            result = Patterns.ask(listener, new QueueEvent.Restore(queueManager), ASK_TIMEOUT)
                    .toCompletableFuture().get(ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalAwsException("Interrupted while restoring persistent queues", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalAwsException("The persistent queues could not be restored: " + e, e);
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new LocalAwsException("The persistent queues could not be restored: " + either.swap().toOption(),
                    null);
        }
    }

    private static Http.ServerBinding bind(ActorSystem system, ActorRef queueManager, String host, int port,
            String region) {
        try {
            return SQSRestServerBuilder.withActorSystem(system)
                    .withQueueManagerActor(queueManager)
                    .withInterface(host)
                    .withPort(port)
                    .withAWSRegion(region)
                    .withAWSAccountId(S3Identity.ACCOUNT_ID)
                    // "*" makes queue URLs follow the address the client used, whatever port was chosen.
                    .withServerAddress(new NodeAddress("http", "*", port, ""))
                    .start()
                    .waitUntilStarted();
        } catch (RuntimeException e) {
            throw new LocalAwsException("The SQS server could not listen on " + host + ":" + port + ": " + e, e);
        }
    }

    private static void terminate(ActorSystem system) {
        try {
            Await.result(system.terminate(), TERMINATE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("The SQS actor system did not stop cleanly", e);
        }
    }

    private static void releasePersistence(Path directory) {
        if (directory != null && PERSISTENT_QUEUES_IN_USE.compareAndSet(directory, null)) {
            ConnectionPool.closeAll();
        }
    }

    private static boolean metricsBeanRegistered() {
        try {
            return ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(METRICS_BEAN));
        } catch (JMException e) {
            return false;
        }
    }

    /** ElasticMQ registers its metrics bean once per JVM and never removes it; it would keep a stopped server. */
    private static void unregisterMetricsBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(METRICS_BEAN);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("ElasticMQ's metrics bean could not be unregistered", e);
        }
    }
}
