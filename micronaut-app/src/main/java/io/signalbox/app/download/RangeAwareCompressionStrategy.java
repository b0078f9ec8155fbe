package io.signalbox.app.download;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import jakarta.inject.Singleton;

/**
 * The server's compression of text answers (as Micronaut's own strategy: text-based content types from the
 * configured threshold on), except for answers that offer byte ranges. A result is sent as it is stored: its
 * {@code Content-Length}, its ranges and its {@code Repr-Digest} are the stored object's, and the bytes that
 * {@link DownloadCompletionHandler} counts on their way out are the result's own. Compressed, a browser's download
 * (browsers always ask for gzip) would count fewer bytes than the result has and never complete.
 */
@Singleton
@Replaces(HttpCompressionStrategy.class)
final class RangeAwareCompressionStrategy implements HttpCompressionStrategy {

    private final int threshold;
    private final int level;
    private final int maxZstdEncodeSize;

    RangeAwareCompressionStrategy(NettyHttpServerConfiguration configuration) {
        this.threshold = configuration.getCompressionThreshold();
        this.level = configuration.getCompressionLevel();
        this.maxZstdEncodeSize = configuration.getMaxZstdEncodeSize();
    }

    @Override
    public boolean isEnabled() {
        return threshold >= 0;
    }

    @Override
    public boolean shouldCompress(HttpResponse response) {
        HttpHeaders headers = response.headers();
        if (!isEnabled() || headers.contains(HttpHeaderNames.ACCEPT_RANGES)) {
            return false;
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        long length = HttpUtil.getContentLength(response, -1L);
        return contentType != null && (length == -1 || length >= threshold) && MediaType.isTextBased(contentType);
    }

    @Override
    public int getCompressionLevel() {
        return level;
    }

    @Override
    public int getMaxZstdEncodeSize() {
        return maxZstdEncodeSize;
    }
}
