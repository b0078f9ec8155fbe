package io.signalbox.app.download;

import java.net.URI;
import java.time.Instant;

/**
 * Where a download of a result is sent instead of being streamed.
 *
 * @param url the presigned URL of a {@code GET} of the result; no API key is needed, the URL is the permission
 * @param expiresAt when the URL stops working
 * @param headers what the download says about the result
 */
public record ResultRedirect(URI url, Instant expiresAt, ResultHeaders headers) {
}
