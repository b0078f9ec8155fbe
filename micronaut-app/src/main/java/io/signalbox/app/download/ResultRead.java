package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.signalbox.routes.cleanup.ObjectRead;
import java.time.Instant;
import java.util.UUID;

/**
 * A read of a job's result, one of those that together deliver it whole: a partner's GetObject call, or a REST
 * download or ranged part of one.
 *
 * @param id the row's id
 * @param jobId the job whose result was read
 * @param eventId the read's event id, or the id of a REST response
 * @param byteRange the {@code Range} the read asked for, or {@code null} when the event does not say
 * @param bytesSent how many bytes were sent, or {@code null} when the event does not say
 * @param recordedAt when it was recorded
 * @param countedAt when it took part in a complete delivery, or {@code null} while it has not
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
