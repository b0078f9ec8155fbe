package io.signalbox.app.upload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.job.CreateJobCommand;
import io.signalbox.processors.recipe.Recipes;

/**
 * What an upload request says besides its bytes: how the body is sent, and the query values and headers its job is
 * made from. Made before the body is read, so that a request that cannot succeed is refused before it takes a place.
 *
 * @param contentType how the body is sent
 * @param preset the {@code recipe} query value, a preset's name, or {@code null}
 * @param name the {@code name} query value, the file's name, or {@code null}
 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
 * @param callbackUrl the {@code callbackUrl} query value as given, not checked yet, or {@code null}
 */
record UploadRequest(UploadContentType contentType, @Nullable String preset, @Nullable String name,
        @Nullable String idempotencyKey, @Nullable String callbackUrl) {

    static final int MAX_RECIPE_CHARS = 64 * 1024;
    private static final String DEFAULT_PRESET = "default";
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final String DEFAULT_NAME = "upload.csv";

    /**
     * @throws ApiException 400 for an idempotency key of the wrong length
     * @throws io.signalbox.processors.recipe.RecipeException for a preset that does not exist
     */
    UploadRequest {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        if (preset != null && !preset.isBlank()) {
            Recipes.preset(preset);
        }
    }

    /**
     * Reads what an upload's head says, refusing what cannot succeed before the body is read.
     *
     * @param headers the request's headers
     * @param hasBody whether the request has a body at all
     * @param maxBytes the largest body accepted
     * @param preset the {@code recipe} query value, or {@code null}
     * @param name the {@code name} query value, or {@code null}
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     * @param callbackUrl the {@code callbackUrl} query value, or {@code null}
     * @return the request
     * @throws ApiException 415 for a content type not accepted, 413 for a declared length over the limit, 400 for no
     *     body or a bad idempotency key
     * @throws io.signalbox.processors.recipe.RecipeException for a preset that does not exist
     */
    static UploadRequest of(HttpHeaders headers, boolean hasBody, long maxBytes, @Nullable String preset,
            @Nullable String name, @Nullable String idempotencyKey, @Nullable String callbackUrl) {
        UploadContentType contentType = UploadContentType.of(headers.get(HttpHeaders.CONTENT_TYPE));
        long declared = headers.contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "the upload has "
                    + declared + " bytes; at most " + maxBytes + " are accepted (signalbox.upload.max-bytes)");
        }
        if (!hasBody || declared == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "empty_upload", contentType.form()
                    ? "the request has no body; send the file as the part \"file\""
                    : "the request has no body; send the CSV file as the body (curl --data-binary @FILE)");
        }
        return new UploadRequest(contentType, preset, name, idempotencyKey, callbackUrl);
    }

    /**
     * @param inputName the file's name
     * @param fileContentType the file's content type
     * @param recipeJson the recipe document of a form's {@code recipe} part, or {@code null}
     * @param acceptedCallbackUrl the callback URL once checked, or {@code null}
     * @return the job to create
     * @throws ApiException 400 when both a preset and a recipe document were given, 413 for a recipe too long
     */
    CreateJobCommand command(String inputName, String fileContentType, @Nullable String recipeJson,
            @Nullable String acceptedCallbackUrl) {
        if (recipeJson == null) {
            String presetName = preset == null || preset.isBlank() ? DEFAULT_PRESET : preset;
            return new CreateJobCommand(inputName, fileContentType, presetName, null, idempotencyKey,
                    acceptedCallbackUrl);
        }
        if (preset != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                    "both ?recipe=" + preset + " and a recipe part were given; give one");
        }
        if (recipeJson.length() > MAX_RECIPE_CHARS) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                    "the recipe part has " + recipeJson.length() + " characters; at most " + MAX_RECIPE_CHARS
                            + " are allowed");
        }
        Recipes.parse(recipeJson);
        return new CreateJobCommand(inputName, fileContentType, null, recipeJson, idempotencyKey, acceptedCallbackUrl);
    }

    /**
     * @param given the file name a form part carries, or {@code null}
     * @return the input's name: the {@code name} query value if given, else the part's, made safe to store
     */
    String inputName(@Nullable String given) {
        return safeName(name != null ? name : given);
    }

    /**
     * @param given a file name as a client gave it, or {@code null}
     * @return its last path segment with characters outside letters, digits, {@code . _ -} and space replaced,
     *     at most 200 characters, or {@value #DEFAULT_NAME}
     */
    static String safeName(@Nullable String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_NAME;
        }
        String base = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._ -]", "_");
        return clean.isBlank() ? DEFAULT_NAME : clean.substring(0, Math.min(clean.length(), 200));
    }
}
