package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A file dropped into a partner's inbox, beside the job it became: where it came from, where its results go, and
 * what the partner did with them.
 *
 * @param jobId the job it became
 * @param tenantId the partner's tenant
 * @param dropKey the inbox key it was dropped under, as {@link DroppedObject#storedKey()} keeps it
 * @param dropVersion which version of that object: S3's version id, else the sequencer of its creation event
 * @param outboxName {@code outbox/{partner}/NAME}: its results are this with a suffix ({@link OutboxFile})
 * @param pickedUpAt when the partner last read its result (or error file) whole, or deleted it
 * @param outboxWrittenAt when its outbox files were written, or {@code null} while they were not
 * @param outboxDeletedAt when its outbox files were deleted, or taken over by a later job of the same name
 */
@MappedEntity("drops")
public record Drop(
        @Id UUID jobId,
        String tenantId,
        String dropKey,
        String dropVersion,
        String outboxName,
        @Nullable Instant pickedUpAt,
        @Nullable Instant outboxWrittenAt,
        @Nullable Instant outboxDeletedAt) {

    /**
     * @return whether the outbox files of its name are its own and still there
     */
    public boolean ownsOutboxFiles() {
        return outboxWrittenAt != null && outboxDeletedAt == null;
    }

    /**
     * @param kind which of its outbox files
     * @return that file's key
     */
    String outboxKey(OutboxFile.Kind kind) {
        return OutboxFile.key(outboxName, kind);
    }
}
