package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a download of a result says about it besides its bytes.
 *
 * @param length the result's size in bytes
 * @param contentType the content type the result was stored with
 * @param sha256Hex the result's SHA-256, lower-case hex, or {@code null} for results written before it was recorded
 * @param lastModified when the result was completed
 * @param fileName the name to save it under
 */
public record ResultHeaders(long length, String contentType, @Nullable String sha256Hex, Instant lastModified,
        String fileName) {

    /**
     * @return the strong entity tag, the SHA-256 in quotes, or {@code null} without one
     */
    @Nullable
    public String entityTag() {
        return sha256Hex == null ? null : "\"" + sha256Hex + "\"";
    }

    /**
     * @return the {@code Repr-Digest} of RFC 9530, {@code sha-256=:<base64>:}, or {@code null} without a SHA-256
     */
    @Nullable
    public String reprDigest() {
        return sha256Hex == null ? null
                : "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }
}
