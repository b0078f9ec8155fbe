package io.signalbox.localaws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends object events to the queues whose routes match the key. The S3 request that caused an event has already
 * succeeded and must not fail because of it; an event SQS does not take is held and sent again every second until
 * SQS takes it, as S3 retries its own event deliveries, so that an SQS outage delays events and loses none. Up to
 * {@value #MAX_HELD} events are held; past that the oldest is dropped with an error line.
 */
final class ObjectEventPublisher implements AutoCloseable {

    static final int MAX_HELD = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ObjectEventPublisher.class);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<SqsClient> sqs;
    private final Map<String, String> queueUrls;
    private final List<EventRoute> objectRoutes;
    private final List<EventRoute> readRoutes;
    private final S3EventNotificationJson notifications;
    private final CloudTrailGetObjectJson cloudTrail;
    /** S3's sequencer orders events for one key; a counter seeded with the clock keeps order across restarts. */
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);
    private final Deque<Held> held = new ArrayDeque<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-aws-event-retries");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param sqs the client of the SQS server running now, which changes when the server is restarted
     * @param rangeInReadEvents whether read events name the requested range (CloudTrail's documented events do not)
     */
    ObjectEventPublisher(Supplier<SqsClient> sqs, Map<String, String> queueUrls, List<EventRoute> objectRoutes,
            List<EventRoute> readRoutes, String region, S3Identity bucketOwner, boolean rangeInReadEvents) {
        this.sqs = sqs;
        this.queueUrls = Map.copyOf(queueUrls);
        this.objectRoutes = List.copyOf(objectRoutes);
        this.readRoutes = List.copyOf(readRoutes);
        ObjectMapper mapper = new ObjectMapper();
        this.notifications = new S3EventNotificationJson(mapper, region, bucketOwner);
        this.cloudTrail = new CloudTrailGetObjectJson(mapper, region, rangeInReadEvents);
        retries.scheduleWithFixedDelay(this::sendHeld, RETRY_INTERVAL.toMillis(), RETRY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops sending held events; those still held are lost, and said so. */
    @Override
    public void close() {
        retries.shutdownNow();
        synchronized (held) {
            if (!held.isEmpty()) {
                LOG.warn("{} object events that SQS did not take are dropped as the servers stop", held.size());
            }
        }
    }

    boolean announcesReadsOf(String key) {
        return !queuesFor(readRoutes, key).isEmpty();
    }

    void publish(ObjectActivity event) {
        try {
            if (event instanceof ObjectActivity.Created created) {
                String sequence = nextSequence();
                for (String queue : queuesFor(objectRoutes, created.key())) {
                    send(queue, notifications.created(created, configurationId(queue), sequence), event);
                }
            } else if (event instanceof ObjectActivity.Removed removed) {
                String sequence = nextSequence();
                for (String queue : queuesFor(objectRoutes, removed.key())) {
                    send(queue, notifications.removed(removed, configurationId(queue), sequence), event);
                }
            } else if (event instanceof ObjectActivity.Read read) {
                for (String queue : queuesFor(readRoutes, read.key())) {
                    send(queue, cloudTrail.read(read), event);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not publish {} for s3://{}/{}; the S3 request itself succeeded", describe(event),
                    event.bucket(), event.key(), e);
        }
    }

    private void send(String queue, String body, ObjectActivity event) {
        Held message = new Held(queue, body, describe(event) + " for s3://" + event.bucket() + "/" + event.key());
        synchronized (held) {
            if (!held.isEmpty()) {
                hold(message);
                return;
            }
        }
        try {
            sendNow(message);
            LOG.debug("Published {} to {}", message.description(), queue);
        } catch (RuntimeException e) {
            LOG.warn("SQS did not take {} for queue {} ({}); holding it until SQS is back", message.description(),
                    queue, e.getMessage());
            synchronized (held) {
                hold(message);
            }
        }
    }

    private void hold(Held message) {
        if (held.size() >= MAX_HELD) {
            Held dropped = held.removeFirst();
            LOG.error("{} object events held while SQS is unavailable; dropping the oldest, {} for queue {}",
                    MAX_HELD, dropped.description(), dropped.queue());
        }
        held.addLast(message);
    }

    /** Sends held events in the order they were held, until SQS refuses one. */
    private void sendHeld() {
        synchronized (held) {
            int sent = 0;
            while (!held.isEmpty()) {
                try {
                    sendNow(held.peekFirst());
                } catch (RuntimeException e) {
                    return;
                }
                held.removeFirst();
                sent++;
            }
            if (sent > 0) {
                LOG.info("SQS is back: sent {} held object events", sent);
            }
        }
    }

    private void sendNow(Held message) {
        sqs.get().sendMessage(request -> request.queueUrl(queueUrls.get(message.queue())).messageBody(message.body()));
    }

    /** An event waiting for SQS. */
    private record Held(String queue, String body, String description) {
    }

    private static Set<String> queuesFor(List<EventRoute> routes, String key) {
        Set<String> queues = new LinkedHashSet<>();
        for (EventRoute route : routes) {
            if (route.matches(key)) {
                queues.add(route.queueName());
            }
        }
        return queues;
    }

    private String nextSequence() {
        return String.format(Locale.ROOT, "%018X", sequencer.incrementAndGet());
    }

    private static String configurationId(String queue) {
        return "local-" + queue;
    }

    private static String describe(ObjectActivity event) {
        if (event instanceof ObjectActivity.Created created) {
            return created.kind().eventName();
        }
        if (event instanceof ObjectActivity.Removed removed) {
            return removed.eventName();
        }
        return "GetObject";
    }
}
