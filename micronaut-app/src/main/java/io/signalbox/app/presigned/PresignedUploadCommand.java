package io.signalbox.app.presigned;

import io.micronaut.core.annotation.Nullable;
import java.io.InputStream;

/**
 * A request to create a job whose file its owner uploads straight to storage through presigned URLs: the JSON body
 * {@code {"upload":"presigned","name","size","sha256"?,"recipe"|"preset","signals"?,"checksumAlgorithm"?,"callbackUrl"?}}
 * of
 * {@code POST /v1/jobs}. Its values are checked for their form here; the name and the recipe are checked where every
 * upload's are.
 *
 * @param name the prices file's name as its owner gives it, or {@code null}
 * @param size the prices file's size in bytes
 * @param sha256 the prices file's SHA-256 as its owner declares it, lower-case hex, or {@code null}
 * @param preset a preset's name, or {@code null}
 * @param recipeJson a recipe document, or {@code null}
 * @param signals a signals file that goes with the prices, or {@code null}
 * @param checksummedParts whether every part is sent with its SHA-256 ({@code "checksumAlgorithm": "SHA256"})
 * @param callbackUrl where the job's webhook events go, as given and not yet checked, or {@code null}
 */
public record PresignedUploadCommand(@Nullable String name, long size, @Nullable String sha256,
        @Nullable String preset, @Nullable String recipeJson, @Nullable Signals signals, boolean checksummedParts,
        @Nullable String callbackUrl) {

    /**
     * @param body the request's JSON body; read to its end, at most {@value UploadRequests#MAX_BODY_BYTES} bytes
     * @return the request
     * @throws io.signalbox.app.api.ApiException naming the key at fault when the body is not such a request
     */
    public static PresignedUploadCommand read(InputStream body) {
        return UploadRequests.creation(body);
    }

    /**
     * A signals file declared with the prices file: it is uploaded with a presigned PUT URL of its own.
     *
     * @param name the file's name as its owner gives it, or {@code null}
     * @param size its size in bytes
     */
    public record Signals(@Nullable String name, long size) {
    }
}
