package io.signalbox.routes.process;

/**
 * A job this worker has claimed and must now run.
 *
 * @param id the job's id
 * @param tenant the owning tenant
 * @param attempt which attempt this is, from 1; fences a late finish of an earlier attempt
 * @param inputKey the S3 key of the prices file
 * @param inputName the file's name as its owner gave it, used in error messages
 * @param recipePreset the preset's name, or {@code null} when {@code recipeJson} is given
 * @param recipeJson the recipe document, or {@code null} when a preset is named
 * @param resultPrefix where this attempt writes its result: a key prefix per attempt ending in {@code /}, so that a
 *     late earlier attempt never overwrites a later one, or for a dropped file the outbox name followed by {@code .};
 *     the processor appends {@code result.} and the recipe's file extension ({@code csv}, {@code csv.gz},
 *     {@code parquet})
 * @param signalsKey the S3 key of the signals file that goes with the prices, or {@code null} when there is none
 * @param signalsName the signals file's name as its owner gave it, or {@code null} when there is none
 * @param declaredSha256 the SHA-256 (lower-case hex) the owner declared for the prices file as stored, or
 *     {@code null} when none was declared; a file that does not have it fails the job
 */
public record ClaimedJob(String id, String tenant, int attempt, String inputKey, String inputName,
        String recipePreset, String recipeJson, String resultPrefix, String signalsKey, String signalsName,
        String declaredSha256) {
}
