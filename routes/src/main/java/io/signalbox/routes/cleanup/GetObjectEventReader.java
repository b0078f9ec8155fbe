package io.signalbox.routes.cleanup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalbox.routes.common.MalformedEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads the JSON EventBridge delivers for a CloudTrail data event ({@code detail-type} "AWS API Call via
 * CloudTrail") into an {@link ObjectRead} when it records an S3 {@code GetObject}.
 */
public final class GetObjectEventReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudTrail's {@code AuthenticationMethod} of a request signed in its query string, as presigned URLs are. */
    private static final String PRESIGNED_URL = "QueryString";

    /**
     * @param json the SQS message body
     * @return the read, or {@code null} for any other call (a rule that sends more than it should is not an error)
     * @throws MalformedEventException when the body is not an EventBridge event, or a GetObject event without its
     *     bucket, key or id
     */
    public ObjectRead read(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (event == null || !event.isObject() || !event.path("detail").isObject()) {
            throw new MalformedEventException("not an EventBridge event: no \"detail\" object", null);
        }
        JsonNode detail = event.path("detail");
        if (!"s3.amazonaws.com".equals(detail.path("eventSource").asText())
                || !"GetObject".equals(detail.path("eventName").asText())) {
            return null;
        }
        JsonNode request = detail.path("requestParameters");
        String bucket = request.path("bucketName").asText(null);
        String key = request.path("key").asText(null);
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw new MalformedEventException("GetObject event " + detail.path("eventID").asText("without id")
                    + " names no bucket or key in detail.requestParameters", null);
        }
        String eventId = eventId(event);
        if (eventId == null) {
            throw new MalformedEventException("GetObject event of s3://" + bucket + "/" + key
                    + " has neither detail.eventID nor id", null);
        }
        JsonNode additional = detail.path("additionalEventData");
        JsonNode bytesOut = additional.path("bytesTransferredOut");
        return new ObjectRead(eventId, bucket, key, range(request), bytesOut.isNumber() ? bytesOut.asLong() : null,
                time(detail.path("eventTime").asText(null)),
                PRESIGNED_URL.equals(additional.path("AuthenticationMethod").asText(null)));
    }

    /** CloudTrail's id of the call; EventBridge's id of the event it made of it, which is as unique, otherwise. */
    private static String eventId(JsonNode event) {
        for (JsonNode id : new JsonNode[] {event.path("detail").path("eventID"), event.path("id")}) {
            if (id.isTextual() && !id.asText().isBlank()) {
                return id.asText();
            }
        }
        return null;
    }

    /** CloudTrail keeps request headers it records under their own names; the case varies between services. */
    private static String range(JsonNode request) {
        for (Map.Entry<String, JsonNode> field : request.properties()) {
            if (field.getKey().equalsIgnoreCase("range") && field.getValue().isTextual()) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
