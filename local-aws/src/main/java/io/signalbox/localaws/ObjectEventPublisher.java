package io.signalbox.localaws;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends object events to the queues whose routes match the key. A failure to send is logged and swallowed: the
 * S3 request that caused the event has already succeeded and must not fail because of it.
 */
final class ObjectEventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectEventPublisher.class);

    private final Supplier<SqsClient> sqs;
    private final Map<String, String> queueUrls;
    private final List<EventRoute> objectRoutes;
    private final List<EventRoute> readRoutes;
    private final S3EventNotificationJson notifications;
    private final CloudTrailGetObjectJson cloudTrail;
    /** S3's sequencer orders events for one key; a counter seeded with the clock keeps order across restarts. */
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

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
    }

    boolean announcesReadsOf(String key) {
        return !queuesFor(readRoutes, key).isEmpty();
    }

    void publish(ObjectEvent event) {
        try {
            if (event instanceof ObjectEvent.Created created) {
                String sequence = nextSequence();
                for (String queue : queuesFor(objectRoutes, created.key())) {
                    send(queue, notifications.created(created, configurationId(queue), sequence), event);
                }
            } else if (event instanceof ObjectEvent.Removed removed) {
                String sequence = nextSequence();
                for (String queue : queuesFor(objectRoutes, removed.key())) {
                    send(queue, notifications.removed(removed, configurationId(queue), sequence), event);
                }
            } else if (event instanceof ObjectEvent.Read read) {
                for (String queue : queuesFor(readRoutes, read.key())) {
                    send(queue, cloudTrail.read(read), event);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not publish {} for s3://{}/{}; the S3 request itself succeeded", describe(event),
                    event.bucket(), event.key(), e);
        }
    }

    private void send(String queue, String body, ObjectEvent event) {
        try {
            sqs.get().sendMessage(request -> request.queueUrl(queueUrls.get(queue)).messageBody(body));
            LOG.debug("Published {} for s3://{}/{} to {}", describe(event), event.bucket(), event.key(), queue);
        } catch (RuntimeException e) {
            LOG.error("Could not publish {} for s3://{}/{} to queue {}; the S3 request itself succeeded",
                    describe(event), event.bucket(), event.key(), queue, e);
        }
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

    private static String describe(ObjectEvent event) {
        if (event instanceof ObjectEvent.Created created) {
            return created.kind().eventName();
        }
        if (event instanceof ObjectEvent.Removed removed) {
            return removed.eventName();
        }
        return "GetObject";
    }
}
