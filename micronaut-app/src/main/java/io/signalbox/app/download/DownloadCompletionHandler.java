package io.signalbox.app.download;

import io.micronaut.core.naming.Named;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.signalbox.app.job.TransferMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every HTTP connection for responses marked with a completion token, and reports how many bytes of the body
 * were written to the socket: all of them once the last is written, or as many as were when a write fails or the
 * connection closes first. Micronaut adds every {@code ChannelOutboundHandler} bean to each connection's pipeline,
 * between the HTTP codec and its request handler, so this sees the response exactly as it goes out.
 *
 * <p>The server's streaming writer completes a response without exposing the outcome of its writes; only the
 * pipeline knows whether the body really reached the connection. With a Content-Length, the body is complete when
 * that many bytes were written: a client that has them all may close the connection before the server's empty
 * closing chunk goes out, and that must not count as an interrupted download.
 */
@Singleton
@ChannelHandler.Sharable
final class DownloadCompletionHandler extends ChannelOutboundHandlerAdapter implements Named {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadCompletionHandler.class);
    private static final AttributeKey<Transfer> IN_FLIGHT = AttributeKey.valueOf("signalbox.completion-transfer");

    private final DownloadCompletions completions;
    private final TransferMetrics transfers;

    DownloadCompletionHandler(DownloadCompletions completions, TransferMetrics transfers) {
        this.completions = completions;
        this.transfers = transfers;
    }

    @Override
    public String getName() {
        return "signalbox-download-completion";
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            String token = response.headers().get(DownloadCompletions.TOKEN_HEADER);
            if (token != null) {
                response.headers().remove(DownloadCompletions.TOKEN_HEADER);
                long contentLength = HttpUtil.getContentLength(response, -1L);
                completions.claim(token).ifPresent(listener ->
                        ctx.channel().attr(IN_FLIGHT).set(new Transfer(listener, contentLength)));
            }
        }
        Transfer transfer = ctx.channel().attr(IN_FLIGHT).get();
        if (transfer == null || !(msg instanceof HttpContent content)) {
            super.write(ctx, msg, promise);
            return;
        }
        int bytes = content.content().readableBytes();
        boolean last = msg instanceof LastHttpContent;
        if (last) {
            ctx.channel().attr(IN_FLIGHT).set(null);
        }
        // The server writes body chunks with a void promise, which takes no listener.
        ChannelPromise tracked = promise.isVoid()
                ? ctx.newPromise().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE)
                : promise;
        tracked.addListener(future -> {
            if (future.isSuccess()) {
                transfer.written(bytes, last);
            } else {
                transfer.failed();
            }
        });
        super.write(ctx, msg, tracked);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        abandonInFlight(ctx);
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        abandonInFlight(ctx);
    }

    private static void abandonInFlight(ChannelHandlerContext ctx) {
        Transfer transfer = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
        if (transfer != null) {
            transfer.failed();
        }
    }

    /** One marked response on its way out; touched only on the connection's event loop. */
    private final class Transfer {

        private final LongConsumer listener;
        private final long contentLength;
        private final long started = System.nanoTime();
        private long written;
        private boolean settled;

        Transfer(LongConsumer listener, long contentLength) {
            this.listener = listener;
            this.contentLength = contentLength;
        }

        void written(int bytes, boolean last) {
            written += bytes;
            boolean complete = contentLength >= 0 ? written >= contentLength : last;
            if (complete) {
                settle();
            }
        }

        void failed() {
            if (!settled && written == 0) {
                settled = true;
                LOG.info("a download ended before any of its {} bytes was written", contentLength);
                return;
            }
            settle();
        }

        private void settle() {
            if (settled) {
                return;
            }
            settled = true;
            transfers.downloaded(written, Duration.ofNanos(System.nanoTime() - started));
            if (contentLength >= 0 && written < contentLength) {
                LOG.info("a download ended after {} of its {} bytes", written, contentLength);
            }
            completions.ended(listener, written);
        }
    }
}
