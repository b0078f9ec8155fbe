package io.signalbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What a test of the drop folder looks at besides the AWS CLI: the event taps of {@link RunningSignalbox}, the
 * queues, the REST API and the job rows. Waits poll, as a partner polls its outbox.
 */
final class DropFolderProbe {

    private final RunningSignalbox signalbox;
    private final JobsClient jobs;
    private final List<JsonNode> inboxEvents = new ArrayList<>();
    private final List<JsonNode> readEvents = new ArrayList<>();

    DropFolderProbe(RunningSignalbox signalbox, JobsClient jobs) {
        this.signalbox = signalbox;
        this.jobs = jobs;
    }

    /**
     * @param key an inbox key
     * @return the S3 {@code ObjectCreated} notifications published for it so far, as they went to the events queue
     */
    List<JsonNode> creationEventsOf(String key) {
        drain(RunningSignalbox.INBOX_EVENTS_TAP, inboxEvents);
        return inboxEvents.stream()
                .filter(event -> key.equals(decodedKey(event)))
                .filter(event -> event.path("Records").path(0).path("eventName").asText().startsWith("ObjectCreated:"))
                .toList();
    }

    /**
     * @param key an outbox key
     * @return the CloudTrail GetObject events published for it so far, as they went to the downloads queue
     */
    List<JsonNode> readEventsOf(String key) {
        drain(RunningSignalbox.READ_EVENTS_TAP, readEvents);
        return readEvents.stream()
                .filter(event -> key.equals(event.path("detail").path("requestParameters").path("key").asText()))
                .toList();
    }

    /** Waits until every message sent to the queue so far has been received and deleted. */
    void awaitQueueDone(String queue, Duration timeout) {
        String url = signalbox.aws().queueUrl(queue);
        await("queue " + queue + " to be done", timeout, () -> {
            var attributes = signalbox.sqs().getQueueAttributes(request -> request.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }

    /**
     * @param objectKey the key a file was dropped under
     * @return the ids of the jobs made of it, oldest first
     */
    List<String> jobIdsOf(String objectKey) {
        try (Connection db = signalbox.database();
                PreparedStatement query = db.prepareStatement(
                        "SELECT jobs.id FROM drops JOIN jobs ON jobs.id = drops.job_id WHERE drop_key = ?"
                                + " ORDER BY jobs.created_at, jobs.id")) {
            query.setString(1, objectKey);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for the job made of a dropped file and answers it as the REST API shows it.
     *
     * @param objectKey the key the file was dropped under
     * @return the job
     */
    JsonNode awaitJobOf(String objectKey, Duration timeout) {
        String id = awaitValue("a job of " + objectKey, timeout, () -> {
            List<String> ids = jobIdsOf(objectKey);
            return ids.isEmpty() ? null : ids.get(ids.size() - 1);
        });
        return jobs.job(id);
    }

    static <T> T awaitValue(String what, Duration timeout, Supplier<T> value) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("waited " + timeout + " for " + what);
            }
            JobsClient.pause(Duration.ofMillis(200));
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        awaitValue(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    private void drain(String queue, List<JsonNode> into) {
        String url = signalbox.aws().queueUrl(queue);
        while (true) {
            List<Message> messages = signalbox.sqs().receiveMessage(request -> request.queueUrl(url)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return;
            }
            for (Message message : messages) {
                into.add(JobsClient.json(message.body()));
                signalbox.sqs().deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static String decodedKey(JsonNode event) {
        String encoded = event.path("Records").path(0).path("s3").path("object").path("key").asText();
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
