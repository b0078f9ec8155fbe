package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.tenant.ApiKeys;

/**
 * A request to create a job from an upload. Exactly one of preset and recipe document is given.
 *
 * @param inputName the file's name as its owner gave it
 * @param contentType the upload's content type
 * @param recipePreset a validated preset name, or {@code null}
 * @param recipeJson a validated recipe document, or {@code null}
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param callbackUrl an accepted callback URL for the job's webhook events, or {@code null} for its tenant's
 */
public record CreateJobCommand(String inputName, String contentType, @Nullable String recipePreset,
        @Nullable String recipeJson, @Nullable String idempotencyKey, @Nullable String callbackUrl) {

    /**
     * @return what a retry with the same idempotency key must ask for again: the SHA-256 of the name, the content
     *     type and the recipe, lower-case hex
     */
    public String fingerprint() {
        return ApiKeys.hash(String.join("\u0000", inputName, contentType, String.valueOf(recipePreset),
                String.valueOf(recipeJson)));
    }
}
