package io.signalbox.routes.common;

import java.util.List;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;

/** Reads S3's event notification JSON, as S3 sends it to SQS, into {@link ObjectEvent}s. */
public final class ObjectEventReader {

    /**
     * @param json the SQS message body
     * @return the records; empty for S3's {@code s3:TestEvent} and other messages without records
     * @throws MalformedEventException when the body is not an S3 event notification
     */
    public List<ObjectEvent> read(String json) {
        S3EventNotification notification;
        try {
            notification = S3EventNotification.fromJson(json);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not an S3 event notification: " + e.getMessage(), e);
        }
        List<S3EventNotificationRecord> records = notification.getRecords();
        if (records == null) {
            return List.of();
        }
        return records.stream().map(ObjectEventReader::toEvent).toList();
    }

    private static ObjectEvent toEvent(S3EventNotificationRecord record) {
        var s3 = record.getS3();
        if (s3 == null || s3.getObject() == null || s3.getBucket() == null) {
            throw new MalformedEventException("S3 event record without bucket or object: " + record.getEventName(), null);
        }
        var object = s3.getObject();
        Long size = object.getSizeAsLong();
        return new ObjectEvent(record.getEventName(), s3.getBucket().getName(), object.getUrlDecodedKey(),
                size == null ? 0 : size, object.getETag(), object.getVersionId(), object.getSequencer(),
                record.getEventTime());
    }
}
