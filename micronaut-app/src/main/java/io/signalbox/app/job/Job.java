package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A job row: the single source of truth for a job's status and history. */
@MappedEntity("jobs")
public record Job(
        @Id UUID id,
        String tenantId,
        JobStatus status,
        JobSource source,
        String inputName,
        String inputKey,
        @Nullable String resultKey,
        @Nullable String recipePreset,
        @Nullable String recipeJson,
        @Nullable String idempotencyKey,
        @Nullable Long inputBytes,
        @Nullable String inputSha256,
        @Nullable Long resultBytes,
        @Nullable Long rowCount,
        @Nullable Long rowsSkipped,
        @Nullable Integer symbolCount,
        long rowsProcessed,
        @Nullable String summaryJson,
        int attempts,
        @Nullable String claimMessageId,
        @Nullable String lastError,
        @Nullable String failureCode,
        @Nullable String failureReason,
        Instant createdAt,
        @Nullable Instant uploadedAt,
        @Nullable Instant queuedAt,
        @Nullable Instant startedAt,
        @Nullable Instant succeededAt,
        @Nullable Instant downloadedAt,
        @Nullable Instant failedAt,
        @Nullable Instant expiredAt,
        @Nullable Instant cancelledAt,
        @Nullable Instant filesDeletedAt,
        Instant updatedAt,
        @Nullable String dropKey,
        @Nullable String dropVersion,
        @Nullable String outboxName,
        @Nullable String signalsKey,
        @Nullable String signalsName,
        @Nullable Instant pickedUpAt,
        @Nullable Instant pickupDueAt,
        @Nullable Instant outboxWrittenAt,
        @Nullable Instant outboxDeletedAt,
        @Nullable String declaredSha256) {

    /**
     * A job whose file is about to be uploaded.
     *
     * @param id the new job's id
     * @param tenantId the owner
     * @param source how the file arrives
     * @param inputName the file's name as its owner gave it
     * @param inputKey where the file is stored
     * @param recipePreset the preset, or {@code null}
     * @param recipeJson the recipe document, or {@code null}
     * @param idempotencyKey the client's idempotency key, or {@code null}
     * @param now the creation time
     * @return the row to insert
     */
    public static Job awaitingUpload(UUID id, String tenantId, JobSource source, String inputName, String inputKey,
            @Nullable String recipePreset, @Nullable String recipeJson, @Nullable String idempotencyKey, Instant now) {
        return new Job(id, tenantId, JobStatus.AWAITING_UPLOAD, source, inputName, inputKey, null, recipePreset,
                recipeJson, idempotencyKey, null, null, null, null, null, null, 0, null, 0, null, null, null, null,
                now, null, null, null, null, null, null, null, null, null, now, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * @return whether the job came from a partner's drop folder
     */
    public boolean dropped() {
        return source == JobSource.DROP;
    }

    /**
     * @return whether the job's files in the partner's outbox are its own and still there
     */
    public boolean ownsOutboxFiles() {
        return outboxWrittenAt != null && outboxDeletedAt == null;
    }
}
