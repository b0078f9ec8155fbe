package io.signalbox.app.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job as the REST API shows it to its owner. Absent values are left out.
 *
 * @param id the job's id
 * @param status where the job is
 * @param source {@code api} for an upload, {@code drop-folder} for a file dropped into a partner's inbox
 * @param inputName the file's name as its owner gave it
 * @param recipe the preset's name, or {@code custom}
 * @param inputBytes size of the input as stored
 * @param inputSha256 SHA-256 of the input as stored
 * @param resultBytes size of the result
 * @param rows data rows of the input
 * @param rowsSkipped bad rows skipped as the recipe allowed
 * @param symbols distinct symbols
 * @param rowsProcessed rows read so far while processing
 * @param attempts processing attempts started
 * @param failure why the job failed
 * @param createdAt when the job was created
 * @param uploadedAt when its upload completed
 * @param queuedAt when it was queued
 * @param startedAt when its last attempt started
 * @param succeededAt when it succeeded
 * @param downloadedAt when its result was downloaded
 * @param failedAt when it failed
 * @param expiredAt when it expired
 * @param cancelledAt when it was cancelled
 * @param filesDeletedAt when its input and output were deleted
 * @param objectKey the key a dropped file was dropped under
 * @param pickedUpAt when the partner last picked up a dropped file's result
 * @param links where to go next
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, JobStatus status, String source, String inputName, String recipe,
        @Nullable Long inputBytes, @Nullable String inputSha256, @Nullable Long resultBytes, @Nullable Long rows,
        @Nullable Long rowsSkipped, @Nullable Integer symbols, @Nullable Long rowsProcessed, int attempts,
        @Nullable Failure failure, Instant createdAt, @Nullable Instant uploadedAt, @Nullable Instant queuedAt,
        @Nullable Instant startedAt, @Nullable Instant succeededAt, @Nullable Instant downloadedAt,
        @Nullable Instant failedAt, @Nullable Instant expiredAt, @Nullable Instant cancelledAt,
        @Nullable Instant filesDeletedAt, @Nullable String objectKey, @Nullable Instant pickedUpAt,
        Map<String, String> links) {

    /**
     * @param code a stable code: {@code csv_format}, {@code recipe_invalid}, {@code undeliverable}, …
     * @param reason the human-readable reason, naming file, line and column where the input is at fault
     */
    @Serdeable
    public record Failure(String code, String reason) {
    }

    /**
     * @param job the job
     * @return how its owner sees it
     */
    public static JobView of(Job job) {
        String self = "/v1/jobs/" + job.id();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        if (job.status() == JobStatus.SUCCEEDED && !job.dropped()) {
            links.put("result", self + "/result");
        }
        if (job.summaryJson() != null) {
            links.put("summary", self + "/summary");
        }
        Failure failure = job.failureReason() == null ? null : new Failure(job.failureCode(), job.failureReason());
        return new JobView(job.id().toString(), job.status(), job.dropped() ? "drop-folder" : "api", job.inputName(),
                job.recipePreset() != null ? job.recipePreset() : "custom", job.inputBytes(), job.inputSha256(),
                job.resultBytes(), job.rowCount(), job.rowsSkipped(), job.symbolCount(),
                job.status() == JobStatus.PROCESSING ? Long.valueOf(job.rowsProcessed()) : null, job.attempts(),
                failure, job.createdAt(), job.uploadedAt(), job.queuedAt(), job.startedAt(), job.succeededAt(),
                job.downloadedAt(), job.failedAt(), job.expiredAt(), job.cancelledAt(), job.filesDeletedAt(),
                job.dropKey(), job.pickedUpAt(), links);
    }
}
