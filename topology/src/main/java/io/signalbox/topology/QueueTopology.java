package io.signalbox.topology;

import java.util.List;

/**
 * Signalbox's queues under their default names (the settings {@code signalbox.queues.*} may rename them in a
 * deployment) and which object events reach them: S3 event notifications of writes and deletes under
 * {@link #OBJECT_EVENT_PREFIXES} on {@link #EVENTS}, CloudTrail {@code GetObject} events of reads under
 * {@link #GET_OBJECT_EVENT_PREFIXES} on {@link #DOWNLOADS}. Each queue has a dead-letter queue {@code <name>-dlq}.
 */
public final class QueueTopology {

    /** Object events of uploads, drops and outbox deletions; read by the {@code ingest} and {@code cleanup} groups. */
    public static final String EVENTS = "signalbox-events";
    /** Jobs waiting to be processed; read by the {@code process} group. */
    public static final String JOBS = "signalbox-jobs";
    /**
     * Reads of results: from the outbox (pickups) and from {@code results/} (downloads through presigned URLs); read
     * by the {@code cleanup} group.
     */
    public static final String DOWNLOADS = "signalbox-downloads";
    /** Every queue. */
    public static final List<String> QUEUES = List.of(EVENTS, JOBS, DOWNLOADS);

    /** Prefixes whose objects' creation and deletion are announced on {@link #EVENTS}. */
    public static final List<String> OBJECT_EVENT_PREFIXES = List.of(BucketLayout.UPLOADS, BucketLayout.INBOX,
            BucketLayout.OUTBOX);
    /** Prefixes whose objects' reads are announced on {@link #DOWNLOADS}. */
    public static final List<String> GET_OBJECT_EVENT_PREFIXES = List.of(BucketLayout.OUTBOX, BucketLayout.RESULTS);

    private QueueTopology() {
    }

    /**
     * @param queue a queue
     * @return its dead-letter queue's name
     */
    public static String deadLetterQueue(String queue) {
        return queue + "-dlq";
    }
}
