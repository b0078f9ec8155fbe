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
 * @param resultPrefix the key prefix this attempt writes its result under, ending in {@code /}; per attempt, so that a
 *     late earlier attempt never overwrites a later one
 */
public record ClaimedJob(String id, String tenant, int attempt, String inputKey, String inputName,
        String recipePreset, String recipeJson, String resultPrefix) {
}
