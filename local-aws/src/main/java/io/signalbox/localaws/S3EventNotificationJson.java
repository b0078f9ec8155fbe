package io.signalbox.localaws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an S3 event notification the way S3 writes it onto a queue: one record in {@code Records[]},
 * {@code eventVersion} 2.1, the key URL-encoded as S3 encodes it. {@code requestParameters} and
 * {@code responseElements} (source IP, request ids) are left out: the storage layer these events come from never
 * sees the HTTP request.
 */
final class S3EventNotificationJson {

    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final String region;
    private final S3Identity bucketOwner;

    S3EventNotificationJson(ObjectMapper mapper, String region, S3Identity bucketOwner) {
        this.mapper = mapper;
        this.region = region;
        this.bucketOwner = bucketOwner;
    }

    /**
     * S3 encodes keys in events as an HTML form encodes a value (a space becomes '+'), except that '/' stays as it
     * is.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    String created(ObjectActivity.Created event, String configurationId, String sequencer) {
        ObjectNode object = mapper.createObjectNode();
        object.put("key", encodeKey(event.key()));
        object.put("size", event.size());
        object.put("eTag", unquote(event.eTag()));
        if (event.versionId() != null) {
            object.put("versionId", event.versionId());
        }
        object.put("sequencer", sequencer);
        return notification(event, event.kind().eventName(), configurationId, object);
    }

    String removed(ObjectActivity.Removed event, String configurationId, String sequencer) {
        ObjectNode object = mapper.createObjectNode();
        object.put("key", encodeKey(event.key()));
        if (event.versionId() != null) {
            object.put("versionId", event.versionId());
        }
        object.put("sequencer", sequencer);
        return notification(event, event.eventName(), configurationId, object);
    }

    private String notification(ObjectActivity event, String eventName, String configurationId, ObjectNode object) {
        ObjectNode notification = mapper.createObjectNode();
        ObjectNode record = notification.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(event.time()));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", principalId(event.identity()));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", bucketOwner.principalId());
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        s3.set("object", object);
        try {
            return mapper.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    private static String principalId(S3Identity identity) {
        return identity.isAnonymous() ? identity.principalId() : "AWS:" + identity.principalId();
    }

    static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
