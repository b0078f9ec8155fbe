package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;

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
}
