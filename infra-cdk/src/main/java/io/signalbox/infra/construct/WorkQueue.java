package io.signalbox.infra.construct;

import java.util.regex.Pattern;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * An SQS queue with its dead-letter queue {@code <name>-dlq}: encrypted with SQS-managed keys (which S3 and
 * EventBridge can deliver to without a key policy), TLS only, and a redrive policy after {@code maxReceiveCount}
 * receives.
 */
public final class WorkQueue extends Construct {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,76}");

    /**
     * @param queueName         physical name; the application is given it in an environment variable
     * @param visibilityTimeout how long a received message stays hidden from other consumers
     * @param maxReceiveCount   receives before a message moves to the dead-letter queue
     */
    public record Props(String queueName, Duration visibilityTimeout, int maxReceiveCount) {
        public Props {
            if (queueName == null || !NAME.matcher(queueName).matches()) {
                throw new IllegalArgumentException("queue name '" + queueName + "' is invalid; expected 1 to 76"
                        + " letters, digits, '-' or '_' (the DLQ adds '-dlq')");
            }
            long seconds = visibilityTimeout.toSeconds().longValue();
            if (seconds < 1 || seconds > 43_200) {
                throw new IllegalArgumentException("queue '" + queueName + "': visibility timeout " + seconds
                        + " s is invalid; expected 1 to 43200 s");
            }
            if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
                throw new IllegalArgumentException("queue '" + queueName + "': maxReceiveCount " + maxReceiveCount
                        + " is invalid; expected 1 to 1000");
            }
        }
    }

    private final Queue queue;
    private final Queue deadLetterQueue;

    public WorkQueue(Construct scope, String id, Props props) {
        super(scope, id);
        deadLetterQueue = Queue.Builder.create(this, "DeadLetters")
                .queueName(props.queueName() + "-dlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .queueName(props.queueName())
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(props.visibilityTimeout())
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(props.maxReceiveCount())
                        .build())
                .build();
    }

    public IQueue queue() {
        return queue;
    }

    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }
}
