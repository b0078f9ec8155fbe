package io.signalbox.localaws;

import io.signalbox.topology.QueueTopology;
import java.time.Duration;

/** A queue as the builder declared it; its dead-letter queue is implied. */
record DeclaredQueue(String name, Duration visibilityTimeout, int maxReceiveCount) {

    static String deadLetterName(String queueName) {
        return QueueTopology.deadLetterQueue(queueName);
    }

    String deadLetterName() {
        return deadLetterName(name);
    }
}
