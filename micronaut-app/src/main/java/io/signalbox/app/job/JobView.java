package io.signalbox.app.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param resultSha256 SHA-256 of the result, as its downloads' {@code ETag} and {@code Repr-Digest} give it
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
 * @param filesDeletedAt when its input and output were deleted, unfinished uploads included
 * @param downloadableUntil after a complete download, until when the result can be downloaded again (the grace
 *     window), unless the owner acknowledges it first with {@code DELETE}
 * @param deletedAt when nothing of the job was left in storage: its receipt
 * @param deletedBecause why: {@code downloaded}, {@code acknowledged}, {@code picked-up}, {@code expired},
 *     {@code cancelled} or {@code failed}
 * @param deletedKeys the keys of every object deleted for the job
 * @param objectKey the key a dropped file was dropped under
 * @param pickedUpAt when the partner last picked up a dropped file's result
 * @param callbackUrl where the job's webhook events go, when the job names its own callback URL
 * @param progress how far a processing job has come
 * @param links where to go next
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, JobStatus status, String source, String inputName, String recipe,
        @Nullable Long inputBytes, @Nullable String inputSha256, @Nullable Long resultBytes,
        @Nullable String resultSha256, @Nullable Long rows, @Nullable Long rowsSkipped, @Nullable Integer symbols,
        @Nullable Long rowsProcessed, int attempts, @Nullable Failure failure, Instant createdAt,
        @Nullable Instant uploadedAt, @Nullable Instant queuedAt, @Nullable Instant startedAt,
        @Nullable Instant succeededAt, @Nullable Instant downloadedAt, @Nullable Instant failedAt,
        @Nullable Instant expiredAt, @Nullable Instant cancelledAt, @Nullable Instant filesDeletedAt,
        @Nullable Instant downloadableUntil, @Nullable Instant deletedAt, @Nullable String deletedBecause,
        @Nullable List<String> deletedKeys, @Nullable String objectKey, @Nullable Instant pickedUpAt,
        @Nullable String callbackUrl, @Nullable Progress progress, Map<String, String> links) {


    /**
     * How far a processing job has come. Rows are counted as they are read, so the total is an estimate from the
     * input's size and the bytes per row of its start; there is none for a gzip-compressed input.
     *
     * @param rowsProcessed rows read so far
     * @param rowsExpected the estimated rows of the whole input, or {@code null} when there is no estimate
     * @param percent {@code rowsProcessed} of {@code rowsExpected} in whole percent, at most 99 until the job ends,
     *     or {@code null} when there is no estimate
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(long rowsProcessed, @Nullable Long rowsExpected, @Nullable Integer percent) {
    }

    /**
     * @param rowsExpected the estimated rows of the whole input
     * @return this view with its progress measured against that estimate
     */
    JobView withExpectedRows(long rowsExpected) {
        if (progress == null) {
            return this;
        }
        long expected = Math.max(rowsExpected, progress.rowsProcessed());
        int percent = (int) Math.min(99, 100 * progress.rowsProcessed() / Math.max(1, expected));
        return new JobView(id, status, source, inputName, recipe, inputBytes, inputSha256, resultBytes, resultSha256,
                rows, rowsSkipped, symbols, rowsProcessed, attempts, failure, createdAt, uploadedAt, queuedAt, startedAt,
                succeededAt, downloadedAt, failedAt, expiredAt, cancelledAt, filesDeletedAt, downloadableUntil,
                deletedAt, deletedBecause, deletedKeys, objectKey, pickedUpAt, callbackUrl,
                new Progress(progress.rowsProcessed(), expected, percent), links);
    }

    /**
     * @param code a stable code: {@code csv_format}, {@code recipe_invalid}, {@code undeliverable}, …
     * @param reason the human-readable reason, naming file, line and column where the input is at fault
     */
    @Serdeable
    public record Failure(String code, String reason) {
    }

    /**
     * @param job a job uploaded through the REST API, which has nothing to show beside its row
     * @return the job as its owner sees it
     */
    public static JobView of(Job job) {
        return of(job, DeliveryFacts.NONE);
    }

    /**
     * @param job a job
     * @param facts what its result delivery adds ({@link ResultDelivery#facts(Job)})
     * @return the job as its owner sees it
     */
    public static JobView of(Job job, DeliveryFacts facts) {
        String self = "/v1/jobs/" + job.id();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        Instant downloadableUntil = job.downloadableUntil(Instant.now());
        if (job.source().resultFromApi() && (job.status() == JobStatus.SUCCEEDED || downloadableUntil != null)) {
            links.put("result", self + "/result");
        }
        if (job.summaryJson() != null) {
            links.put("summary", self + "/summary");
        }
        Failure failure = job.failureReason() == null ? null : new Failure(job.failureCode(), job.failureReason());
        return new JobView(job.id().toString(), job.status(), job.source().label(), job.inputName(),
                job.recipePreset() != null ? job.recipePreset() : "custom", job.inputBytes(), job.inputSha256(),
                job.resultBytes(), job.resultSha256(), job.rowCount(), job.rowsSkipped(), job.symbolCount(),
                job.status() == JobStatus.PROCESSING ? Long.valueOf(job.rowsProcessed()) : null, job.attempts(),
                failure, job.createdAt(), job.uploadedAt(), job.queuedAt(), job.startedAt(), job.succeededAt(),
                job.downloadedAt(), job.failedAt(), job.expiredAt(), job.cancelledAt(), job.filesDeletedAt(),
                downloadableUntil, job.deletedAt(), job.deletedAt() == null ? null : job.deletedBecause(),
                job.deletedAt() == null ? null : List.of(job.deletedKeys()), facts.objectKey(), facts.pickedUpAt(),
                job.callbackUrl(),
                job.status() == JobStatus.PROCESSING ? new Progress(job.rowsProcessed(), null, null) : null, links);
    }
}
