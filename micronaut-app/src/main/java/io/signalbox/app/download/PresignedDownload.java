package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The body of a redirect to a result in storage, for clients that do not follow redirects on their own (a web page's
 * {@code fetch} cannot read a redirect's {@code Location}).
 *
 * @param url the presigned URL, the same as {@code Location}
 * @param expiresAt when the URL stops working
 * @param resultBytes the result's size in bytes
 * @param resultSha256 the result's SHA-256, lower-case hex, to check the download against; {@code null} for
 *     results written before it was recorded
 */
@Serdeable
public record PresignedDownload(String url, Instant expiresAt, long resultBytes, @Nullable String resultSha256) {

    static PresignedDownload of(ResultRedirect redirect) {
        return new PresignedDownload(redirect.url().toString(), redirect.expiresAt(), redirect.headers().length(),
                redirect.headers().sha256Hex());
    }
}
