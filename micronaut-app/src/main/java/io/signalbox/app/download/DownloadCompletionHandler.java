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
import io.signalbox.app.metrics.TransferMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Watches every HTTP connection for responses marked with a completion token, and reports the token as written once
 * every byte of the body was written to the socket, or as abandoned when a write fails or the connection closes
 * first. Micronaut adds every {@code ChannelOutboundHandler} bean to each connection's pipeline, between the HTTP
 * codec and its request handler, so this sees the response exactly as it goes out.
 *
 * <p>The server's streaming writer completes a response without exposing the outcome of its writes; only the
 * pipeline knows whether the body really reached the connection. With a Content-Length, the body is complete when
 * that many bytes were written: a client that has them all may close the connection before the server's empty
 * closing chunk goes out, and that must not count as an interrupted download.
 */
@Singleton
@ChannelHandler.Sharable
final class DownloadCompletionHandler extends ChannelOutboundHandlerAdapter implements Named {

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
                ctx.channel().attr(IN_FLIGHT).set(new Transfer(token, HttpUtil.getContentLength(response, -1L)));
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

        private final String token;
        private final long contentLength;
        private final long started = System.nanoTime();
        private long written;
        private boolean settled;

        Transfer(String token, long contentLength) {
            this.token = token;
            this.contentLength = contentLength;
        }

        void written(int bytes, boolean last) {
            written += bytes;
            boolean complete = contentLength >= 0 ? written >= contentLength : last;
            if (complete && !settled) {
                settled = true;
                transfers.downloaded(written, Duration.ofNanos(System.nanoTime() - started));
                completions.written(token);
            }
        }

        void failed() {
            if (!settled) {
                settled = true;
                completions.abandoned(token);
            }
        }
    }
}
