package io.signalbox.localaws;

import io.signalbox.topology.BucketLayout;
import io.signalbox.topology.QueueTopology;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-API server and an SQS-API server on one machine that behave towards the service as S3 and SQS do in AWS.
 *
 * <p>S3 is S3Proxy with a filesystem store under {@code <dataDirectory>/s3} (one folder per bucket, one file per
 * object); SQS is ElasticMQ. On top of them this class does what AWS does around the two services:
 * <ul>
 *   <li>every queue gets a dead-letter queue {@code <name>-dlq} and a redrive policy, as the AWS deployment does;</li>
 *   <li>writes and deletes under {@link Builder#objectEvents the configured prefixes} publish S3's own event
 *       notification JSON ({@code Records[]}, {@code eventVersion} 2.1, {@code eventSource aws:s3},
 *       {@code eventName} {@code ObjectCreated:Put}, {@code ObjectCreated:CompleteMultipartUpload},
 *       {@code ObjectCreated:Copy} or {@code ObjectRemoved:Delete}, the key URL-encoded as S3 does) onto a queue,
 *       after the object is in place, and one event per multipart upload, not one per part;</li>
 *   <li>GETs under {@link Builder#getObjectEvents the configured prefixes}, whole or ranged, publish the JSON
 *       EventBridge delivers for a CloudTrail {@code GetObject} data event;</li>
 *   <li>{@link Builder#partner partner identities} are confined to their own prefixes the way their IAM policy
 *       confines them in AWS, and get {@code 403 AccessDenied} elsewhere;</li>
 *   <li>web pages of {@link Builder#corsOrigins the configured origins} may call the S3 server from a browser, as a
 *       bucket's CORS rules allow in AWS.</li>
 * </ul>
 *
 * <p>How clients must talk to it:
 * <ul>
 *   <li><b>S3</b>: path-style addressing (AWS SDK v2: {@code S3Client.builder().forcePathStyle(true)}; AWS CLI:
 *       {@code aws configure set default.s3.addressing_style path}, or nothing for Debian's CLI v2 with
 *       {@code --endpoint-url http://127.0.0.1:PORT}), the {@link #region() region} and the service's or a
 *       partner's credentials. Signature V4 (V2 is accepted too), chunked uploads with or without trailing checksums
 *       (the SDK v2 default), multipart uploads and presigned URLs work, presigned {@code UploadPart} URLs included,
 *       with a signed {@code x-amz-checksum-sha256} checked against the part's bytes. A presigned PUT must be sent
 *       with the Content-Type that was signed.</li>
 *   <li><b>SQS</b>: any credentials and the region; both the JSON protocol (AWS SDK v2, Camel aws2-sqs) and the
 *       query protocol are served. {@link #queueUrl(String)} gives a queue's URL.</li>
 * </ul>
 *
 * <p>Memory: object bodies are streamed to and from disk. The one exception is S3Proxy's own: a request whose
 * payload is signed with its SHA-256 (the AWS CLI signs every payload over plain HTTP) has to be read whole before
 * the signature can be checked. Such a request is refused above 32 MiB (the AWS CLI's 8 MB multipart parts stay
 * well below that), and only two of them are read at a time while the others wait.
 * Chunked (streaming) uploads, the AWS SDK's way, are never held.
 *
 * <p>Queue state lives in memory unless {@link Builder#persistentQueues(boolean)} keeps it in an H2 database under
 * {@code <dataDirectory>/sqs}, where messages survive a restart. ElasticMQ keeps that database's connection pool
 * JVM-wide, so only one LocalAws with persistent queues can run in a JVM at a time.
 *
 * <p>Nothing installs a JVM shutdown hook: whoever starts a LocalAws {@link #close() closes} it.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.builder()
 *         .dataDirectory(home)
 *         .credentials(accessKey, secretKey)
 *         .bucket("signalbox")
 *         .signalboxTopology(queue -> Duration.ofSeconds(30), 5)
 *         .partner("acme", partnerKey, partnerSecret)
 *         .start()) {
 *     URI s3 = aws.s3Endpoint();
 * }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAws.class);

    private final Builder settings;
    /** The running SQS server, or the stopped one between {@link #stopSqs()} and {@link #startSqs()}. */
    private final AtomicReference<SqsServer> sqs;
    /** The running S3 server, or the stopped one between {@link #stopS3()} and {@link #startS3()}. */
    private S3Server s3;
    private final ObjectEventPublisher publisher;
    private final Map<String, String> queueUrls;
    private boolean sqsStopped;
    private boolean s3Stopped;
    private boolean closed;

    private LocalAws(Builder settings, AtomicReference<SqsServer> sqs, S3Server s3, ObjectEventPublisher publisher,
            Map<String, String> queueUrls) {
        this.settings = settings;
        this.sqs = sqs;
        this.s3 = s3;
        this.publisher = publisher;
        this.queueUrls = queueUrls;
    }

    /**
     * @return a builder with the defaults: host {@code 127.0.0.1}, free ports, region {@code us-east-1}, queues in
     *     memory
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the S3 endpoint, e.g. {@code http://127.0.0.1:41233}
     */
    public synchronized URI s3Endpoint() {
        return s3.endpoint();
    }

    /**
     * @return the SQS endpoint, e.g. {@code http://127.0.0.1:41234}
     */
    public URI sqsEndpoint() {
        return sqs.get().endpoint();
    }

    /**
     * @param queueName a queue given to {@link Builder#queue}, or its dead-letter queue {@code <name>-dlq}
     * @return the queue's URL
     * @throws IllegalArgumentException when no such queue was configured
     */
    public String queueUrl(String queueName) {
        String url = queueUrls.get(queueName);
        if (url == null) {
            throw new IllegalArgumentException("no queue \"" + queueName + "\"; the queues are " + queueUrls.keySet());
        }
        return url;
    }

    /**
     * @return every queue's name (dead-letter queues included) with its URL
     */
    public Map<String, String> queueUrls() {
        return queueUrls;
    }

    /**
     * @return the region clients must sign for
     */
    public String region() {
        return settings.region;
    }

    /**
     * @return the bucket
     */
    public String bucket() {
        return settings.bucket;
    }

    /**
     * @return the service's access key id
     */
    public String accessKey() {
        return settings.service.accessKey();
    }

    /**
     * @return the service's secret access key
     */
    public String secretKey() {
        return settings.service.secretKey();
    }

    /**
     * @return the partners and their credentials, in the order they were added
     */
    public List<PartnerCredentials> partners() {
        return List.copyOf(settings.partners.values());
    }

    /**
     * @return the folder holding {@code s3/} and, when queues are persistent, {@code sqs/}
     */
    public Path dataDirectory() {
        return settings.dataDirectory;
    }

    /**
     * Stops both servers and releases their ports; requests still in flight are cut off, so stop whatever uses the
     * servers first. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!s3Stopped) {
            s3.close();
        }
        publisher.close();
        if (!sqsStopped) {
            sqs.get().close();
        }
        LOG.info("Local S3 and SQS stopped");
    }

    /**
     * Stops the SQS server as an outage would: its port refuses connections until {@link #startSqs()}. Object
     * events published meanwhile are held and sent once it is back, as S3 retries its deliveries. Queues kept in
     * memory lose their messages; persistent queues keep them. For tests of how the service rides out an outage.
     *
     * @throws IllegalStateException when it is stopped already, or closed
     */
    public synchronized void stopSqs() {
        if (closed || sqsStopped) {
            throw new IllegalStateException("the SQS server is not running");
        }
        sqsStopped = true;
        sqs.get().close();
        LOG.info("Local SQS stopped at {}", sqsEndpoint());
    }

    /**
     * Starts the SQS server again after {@link #stopSqs()}, on the same port, with the same queues and queue URLs.
     *
     * @throws IllegalStateException when it is running, or closed
     * @throws LocalAwsException when the port has been taken meanwhile
     */
    public synchronized void startSqs() {
        if (closed || !sqsStopped) {
            throw new IllegalStateException("the SQS server is not stopped");
        }
        SqsServer restarted = SqsServer.start(settings.host, sqsEndpoint().getPort(), settings.region,
                settings.persistentQueues ? settings.dataDirectory.resolve("sqs") : null);
        try {
            restarted.provision(settings.queues.values());
        } catch (RuntimeException e) {
            restarted.close();
            throw e;
        }
        sqs.set(restarted);
        sqsStopped = false;
        LOG.info("Local SQS started again at {}", sqsEndpoint());
    }

    /**
     * Stops the S3 server as an outage would: its port refuses connections, and requests in flight are cut off, until
     * {@link #startS3()}. Stored objects and unfinished multipart uploads stay on disk. For tests of how the service
     * rides out an outage.
     *
     * @throws IllegalStateException when it is stopped already, or closed
     */
    public synchronized void stopS3() {
        if (closed || s3Stopped) {
            throw new IllegalStateException("the S3 server is not running");
        }
        s3Stopped = true;
        s3.close();
        LOG.info("Local S3 stopped at {}", s3.endpoint());
    }

    /**
     * Starts the S3 server again after {@link #stopS3()}, on the same port, with the same objects.
     *
     * @throws IllegalStateException when it is running, or closed
     * @throws LocalAwsException when the port has been taken meanwhile
     */
    public synchronized void startS3() {
        if (closed || !s3Stopped) {
            throw new IllegalStateException("the S3 server is not stopped");
        }
        s3 = settings.startS3(s3.endpoint().getPort(), publisher);
        s3Stopped = false;
        LOG.info("Local S3 started again at {}", s3.endpoint());
    }

    /** A partner's S3 credentials: an identity confined to {@code inbox/<name>/} and {@code outbox/<name>/}. */
    public record PartnerCredentials(String name, String accessKey, String secretKey) {

        @Override
        public String toString() {
            return "PartnerCredentials[name=" + name + ", accessKey=" + accessKey + "]";
        }

        /**
         * @return the prefix the partner writes to, {@code inbox/<name>/}
         */
        public String inboxPrefix() {
            return BucketLayout.inbox(name);
        }

        /**
         * @return the prefix the partner reads and deletes results from, {@code outbox/<name>/}
         */
        public String outboxPrefix() {
            return BucketLayout.outbox(name);
        }
    }

    /**
     * Settings of a {@link LocalAws}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the setting; {@link #start()} checks that the settings fit together.
     */
    public static final class Builder {

        private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,76}");
        private static final Pattern PARTNER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
        private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\[\\]:-]+(:\\d{1,5})?");
        private static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);

        private Path dataDirectory;
        private String host = "127.0.0.1";
        private int s3Port;
        private int sqsPort;
        private String region = "us-east-1";
        private S3Identity service;
        private String bucket;
        private boolean persistentQueues;
        private final Map<String, DeclaredQueue> queues = new LinkedHashMap<>();
        private final List<EventRoute> objectEvents = new ArrayList<>();
        private final List<EventRoute> getObjectEvents = new ArrayList<>();
        private boolean rangeInGetObjectEvents;
        private final Map<String, PartnerCredentials> partners = new LinkedHashMap<>();
        private List<String> corsOrigins = List.of();

        private Builder() {
        }

        /**
         * @param directory where S3 objects ({@code s3/}) and persistent queue state ({@code sqs/}) live; created
         *     if missing
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "dataDirectory").toAbsolutePath().normalize();
            return this;
        }

        /**
         * @param host the interface both servers bind to; {@code 127.0.0.1} by default
         * @return this builder
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /**
         * @param port the S3 server's port, or 0 for a free one chosen at start
         * @return this builder
         */
        public Builder s3Port(int port) {
            this.s3Port = checkPort("s3Port", port);
            return this;
        }

        /**
         * @param port the SQS server's port, or 0 for a free one chosen at start
         * @return this builder
         */
        public Builder sqsPort(int port) {
            this.sqsPort = checkPort("sqsPort", port);
            return this;
        }

        /**
         * @param region the region clients sign for and ARNs carry; {@code us-east-1} by default
         * @return this builder
         */
        public Builder region(String region) {
            if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw new IllegalArgumentException("region must look like us-east-1, was: " + region);
            }
            this.region = region;
            return this;
        }

        /**
         * @param accessKey the service's access key id
         * @param secretKey the service's secret access key
         * @return this builder
         */
        public Builder credentials(String accessKey, String secretKey) {
            this.service = S3Identity.service(checkAccessKey("credentials", accessKey),
                    checkSecret("credentials", secretKey));
            return this;
        }

        /**
         * @param name the bucket, created if missing
         * @return this builder
         */
        public Builder bucket(String name) {
            if (name == null || !BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
                throw new IllegalArgumentException("bucket must be an S3 bucket name (3-63 of a-z, 0-9, '.', '-'),"
                        + " was: " + name);
            }
            this.bucket = name;
            return this;
        }

        /**
         * Declares a queue and its dead-letter queue {@code <name>-dlq}; a message received more than
         * {@code maxReceiveCount} times moves to the dead-letter queue. A queue that exists already (persistent
         * queues) gets these settings.
         *
         * @param name the queue's name
         * @param visibilityTimeout how long a received message stays invisible; whole seconds, up to 12 hours
         * @param maxReceiveCount receives before a message moves to the dead-letter queue, 1 to 1000
         * @return this builder
         */
        public Builder queue(String name, Duration visibilityTimeout, int maxReceiveCount) {
            if (name == null || !QUEUE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("queue name must be 1-76 of A-Z, a-z, 0-9, '-', '_', was: " + name);
            }
            if (visibilityTimeout == null || visibilityTimeout.isNegative()
                    || visibilityTimeout.compareTo(MAX_VISIBILITY_TIMEOUT) > 0
                    || visibilityTimeout.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("queue \"" + name
                        + "\": visibilityTimeout must be whole seconds from 0 to 12 hours, was: " + visibilityTimeout);
            }
            if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
                throw new IllegalArgumentException("queue \"" + name
                        + "\": maxReceiveCount must be 1 to 1000, was: " + maxReceiveCount);
            }
            queues.put(name, new DeclaredQueue(name, visibilityTimeout, maxReceiveCount));
            return this;
        }

        /**
         * Declares Signalbox's queues and object events as {@link QueueTopology} defines them: its three queues
         * (each with its dead-letter queue), S3 event notifications of {@link QueueTopology#OBJECT_EVENT_PREFIXES}
         * on {@link QueueTopology#EVENTS}, and GetObject events of {@link QueueTopology#GET_OBJECT_EVENT_PREFIXES}
         * on {@link QueueTopology#DOWNLOADS}.
         *
         * @param visibilityTimeout each queue's visibility timeout, by queue name
         * @param maxReceiveCount receives before a message moves to the dead-letter queue
         * @return this builder
         */
        public Builder signalboxTopology(Function<String, Duration> visibilityTimeout, int maxReceiveCount) {
            for (String queue : QueueTopology.QUEUES) {
                queue(queue, visibilityTimeout.apply(queue), maxReceiveCount);
            }
            return objectEvents(QueueTopology.OBJECT_EVENT_PREFIXES, QueueTopology.EVENTS)
                    .getObjectEvents(QueueTopology.GET_OBJECT_EVENT_PREFIXES, QueueTopology.DOWNLOADS);
        }

        /**
         * Publishes S3 event notifications for objects written, copied or deleted under the prefixes onto the
         * queue. May be called more than once; an object matching several routes is announced once per queue.
         *
         * @param prefixes key prefixes such as {@code uploads/}
         * @param queueName a queue given to {@link #queue}
         * @return this builder
         */
        public Builder objectEvents(List<String> prefixes, String queueName) {
            objectEvents.add(EventRoute.of("objectEvents", prefixes, queueName));
            return this;
        }

        /**
         * Publishes EventBridge's JSON for a CloudTrail {@code GetObject} data event onto the queue for every GET
         * under the prefixes, whole-object or ranged, when the response body has been sent or the client went away,
         * as CloudTrail records the call either way; {@code detail.additionalEventData.bytesTransferredOut} says how
         * many bytes were sent (of the range, for a ranged GET), and {@code detail.userIdentity.userName} who read
         * it: {@code signalbox} for the service, {@code partner-<name>} for a partner; a presigned URL's reads name
         * whoever signed it, and {@code detail.additionalEventData.AuthenticationMethod} is {@code QueryString} for
         * them, {@code AuthHeader} for requests signed in their header. The AWS CLI downloads an
         * object of 8 MB or more ({@code multipart_threshold}) as several ranged GETs, which make one event each.
         * Like CloudTrail's, the events do not say which range was read unless {@link #rangeInGetObjectEvents}
         * asks them to. HEAD requests publish nothing. May be called more than once.
         *
         * @param prefixes key prefixes such as {@code outbox/}
         * @param queueName a queue given to {@link #queue}
         * @return this builder
         */
        public Builder getObjectEvents(List<String> prefixes, String queueName) {
            getObjectEvents.add(EventRoute.of("getObjectEvents", prefixes, queueName));
            return this;
        }

        /**
         * @param record whether GetObject events name a ranged GET's {@code Range} header as
         *     {@code detail.requestParameters.Range}; {@code false} by default, as no published CloudTrail event
         *     does. {@code true} stands for a trail that records it, to test what consumers make of it.
         * @return this builder
         */
        public Builder rangeInGetObjectEvents(boolean record) {
            this.rangeInGetObjectEvents = record;
            return this;
        }

        /**
         * Lets web pages of these origins send requests to the S3 server from a browser, as a bucket's CORS
         * configuration does in AWS: {@code GET}, {@code HEAD} and {@code PUT} with any request header, and the
         * response headers {@code ETag} and {@code x-amz-checksum-sha256} readable by the page (a page uploading the
         * parts of a multipart upload needs each part's ETag to complete it). No origin by default.
         *
         * @param origins origins such as {@code http://localhost:8080}: scheme, host and port, no path
         * @return this builder
         */
        public Builder corsOrigins(List<String> origins) {
            for (String origin : Objects.requireNonNull(origins, "corsOrigins")) {
                if (origin == null || !ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException("corsOrigins: an origin is http(s)://host[:port] without a path,"
                            + " was: " + origin);
                }
            }
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * Adds a partner identity. Like its IAM policy in AWS it may write, list and read
         * {@code inbox/<name>/...}, read, list and delete {@code outbox/<name>/...}, and nothing else: every other
         * request answers {@code 403 AccessDenied}. Keys with {@code .} or {@code ..} path segments are refused
         * as well, since the filesystem store would resolve them to another place.
         *
         * @param name the partner's name, which is also its prefix segment
         * @param accessKey its access key id
         * @param secretKey its secret access key
         * @return this builder
         */
        public Builder partner(String name, String accessKey, String secretKey) {
            if (name == null || !PARTNER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("partner name must be 1-63 of a-z, 0-9, '-', '_' starting with"
                        + " a letter or digit, was: " + name);
            }
            partners.put(name, new PartnerCredentials(name, checkAccessKey("partner " + name, accessKey),
                    checkSecret("partner " + name, secretKey)));
            return this;
        }

        /**
         * @param persistent whether queues and their messages are kept in {@code <dataDirectory>/sqs} so that a
         *     restart loses none; {@code false} (in memory) by default
         * @return this builder
         */
        public Builder persistentQueues(boolean persistent) {
            this.persistentQueues = persistent;
            return this;
        }

        /**
         * Starts both servers, creates the bucket and the queues, and returns when both serve requests.
         *
         * @return the running servers
         * @throws IllegalStateException when a required setting is missing or the settings contradict each other
         * @throws LocalAwsException when a server cannot start, e.g. its port is taken
         */
        public LocalAws start() {
            validate();
            long startedAt = System.nanoTime();
            SqsServer sqs = null;
            S3Server s3 = null;
            ObjectEventPublisher publisher = null;
            try {
                sqs = SqsServer.start(host, sqsPort, region,
                        persistentQueues ? dataDirectory.resolve("sqs") : null);
                Map<String, String> queueUrls = sqs.provision(queues.values());
                AtomicReference<SqsServer> running = new AtomicReference<>(sqs);
                publisher = new ObjectEventPublisher(() -> running.get().client(), queueUrls,
                        objectEvents, getObjectEvents, region, service, rangeInGetObjectEvents);
                s3 = startS3(s3Port, publisher);
                LocalAws aws = new LocalAws(this, running, s3, publisher, Map.copyOf(queueUrls));
                LOG.info("Local S3 at {} (bucket {}), local SQS at {} ({} queues{}), started in {} ms",
                        aws.s3Endpoint(), bucket, aws.sqsEndpoint(), queueUrls.size(),
                        persistentQueues ? ", persistent" : "", (System.nanoTime() - startedAt) / 1_000_000);
                return aws;
            } catch (RuntimeException e) {
                if (s3 != null) {
                    s3.close();
                }
                if (publisher != null) {
                    publisher.close();
                }
                if (sqs != null) {
                    sqs.close();
                }
                throw e;
            }
        }

        private S3Server startS3(int port, ObjectEventPublisher publisher) {
            return S3Server.start(dataDirectory.resolve("s3"), host, port, bucket, service,
                    List.copyOf(partners.values()), publisher, corsOrigins);
        }

        private void validate() {
            if (dataDirectory == null) {
                throw new IllegalStateException("dataDirectory is required");
            }
            if (service == null) {
                throw new IllegalStateException("credentials are required");
            }
            if (bucket == null) {
                throw new IllegalStateException("bucket is required");
            }
            Set<String> names = new HashSet<>();
            for (String queue : queues.keySet()) {
                if (!names.add(queue) || !names.add(DeclaredQueue.deadLetterName(queue))) {
                    throw new IllegalStateException("queue \"" + queue + "\" clashes with another queue or its"
                            + " dead-letter queue \"" + DeclaredQueue.deadLetterName(queue) + "\"");
                }
            }
            for (EventRoute route : concat(objectEvents, getObjectEvents)) {
                if (!queues.containsKey(route.queueName())) {
                    throw new IllegalStateException(route.setting() + " names queue \"" + route.queueName()
                            + "\", which is not declared with queue(...); declared: " + queues.keySet());
                }
            }
            Set<String> keys = new HashSet<>();
            keys.add(service.accessKey());
            for (PartnerCredentials partner : partners.values()) {
                if (!keys.add(partner.accessKey())) {
                    throw new IllegalStateException("partner \"" + partner.name() + "\" reuses access key "
                            + partner.accessKey() + "; every identity needs its own");
                }
            }
        }

        private static List<EventRoute> concat(List<EventRoute> first, List<EventRoute> second) {
            List<EventRoute> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }

        private static int checkPort(String setting, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(setting + " must be 0 (a free port) to 65535, was: " + port);
            }
            return port;
        }

        private static String checkAccessKey(String setting, String accessKey) {
            if (accessKey == null || !accessKey.matches("[A-Za-z0-9_-]{3,128}")) {
                throw new IllegalArgumentException(setting + ": access key must be 3-128 of A-Z, a-z, 0-9, '_', '-',"
                        + " was: " + accessKey);
            }
            return accessKey;
        }

        private static String checkSecret(String setting, String secretKey) {
            if (secretKey == null || secretKey.length() < 8) {
                throw new IllegalArgumentException(setting + ": secret key must have at least 8 characters");
            }
            return secretKey;
        }
    }
}
