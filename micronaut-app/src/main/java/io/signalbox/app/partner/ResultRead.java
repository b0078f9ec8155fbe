package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.signalbox.routes.pickup.ObjectRead;
import java.time.Instant;
import java.util.UUID;

/**
 * A partner's read of a job's result, one of those that together make a pickup.
 *
 * @param id the row's id
 * @param jobId the job whose result was read
 * @param eventId the read's event id
 * @param byteRange the {@code Range} the event names, or {@code null}
 * @param bytesSent how many bytes the event says were sent, or {@code null}
 * @param recordedAt when it was recorded
 * @param countedAt when it took part in a pickup, or {@code null} while it has not
 */
@MappedEntity("result_reads")
record ResultRead(@Id @GeneratedValue Long id, UUID jobId, String eventId, @Nullable String byteRange,
        @Nullable Long bytesSent, Instant recordedAt, @Nullable Instant countedAt) {

    /**
     * @param bucket the bucket of the result
     * @param key the result's key
     * @return the read as its event told it
     */
    ObjectRead asRead(String bucket, String key) {
        return new ObjectRead(eventId, bucket, key, byteRange, bytesSent, recordedAt);
    }
}
