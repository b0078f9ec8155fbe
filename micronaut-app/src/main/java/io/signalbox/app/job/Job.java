package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A job row: the single source of truth for a job's status and history. Once its files are gone it keeps a deletion
 * receipt: {@code deletedAt}, {@code deletedBecause} and {@code deletedKeys}.
 */
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
        @Nullable String signalsKey,
        @Nullable String signalsName,
        @Nullable Instant pickupDueAt,
        @Nullable String callbackUrl,
        @Nullable String resultSha256,
        @Nullable Instant filesClaimedUntil,
        @Nullable Instant deletedAt,
        @Nullable String deletedBecause,
        @TypeDef(type = DataType.STRING_ARRAY) String[] deletedKeys,
        @Nullable String declaredSha256) {

    /** {@code deletedBecause} of a result its owner acknowledged with {@code DELETE}. */
    public static final String ACKNOWLEDGED = "acknowledged";

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
                now, null, null, null, null, null, null, null, null, null, now, null, null, null, null, null, null,
                null, null, new String[0], null);
    }

    /**
     * @param url where the job's webhook events go instead of its tenant's callback URL, or {@code null}
     * @return this job with that callback URL
     */
    public Job withCallbackUrl(@Nullable String url) {
        return new Job(id, tenantId, status, source, inputName, inputKey, resultKey, recipePreset, recipeJson,
                idempotencyKey, inputBytes, inputSha256, resultBytes, rowCount, rowsSkipped, symbolCount, rowsProcessed,
                summaryJson, attempts, claimMessageId, lastError, failureCode, failureReason, createdAt, uploadedAt,
                queuedAt, startedAt, succeededAt, downloadedAt, failedAt, expiredAt, cancelledAt, filesDeletedAt,
                updatedAt, signalsKey, signalsName, pickupDueAt, url, resultSha256, filesClaimedUntil, deletedAt,
                deletedBecause, deletedKeys, declaredSha256);
    }

    /**
     * @param now the time
     * @return after a complete REST download, the end of the grace window within which the result can be downloaded
     *     again; {@code null} when it cannot be, or no longer
     */
    @Nullable
    public Instant downloadableUntil(Instant now) {
        boolean waiting = source.resultFromApi() && status == JobStatus.DOWNLOADED && filesDeletedAt == null
                && deletedBecause == null && pickupDueAt != null;
        return waiting && pickupDueAt.isAfter(now) ? pickupDueAt : null;
    }
}
