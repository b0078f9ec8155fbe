package io.signalbox.app.download;

import io.micronaut.core.naming.Named;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import jakarta.inject.Singleton;

/**
 * Watches every HTTP connection for responses marked with a completion token, and reports the token once the
 * response's last byte was written to the socket, or as abandoned when that write fails or the connection closes
 * first. Micronaut adds every {@code ChannelOutboundHandler} bean to each connection's pipeline, between the HTTP
 * codec and its request handler, so this sees the response exactly as it goes out.
 *
 * <p>The server's streaming writer completes the response without exposing the write's outcome; only the
 * pipeline knows whether the end of the body really reached the connection.
 */
@Singleton
@ChannelHandler.Sharable
final class DownloadCompletionHandler extends ChannelOutboundHandlerAdapter implements Named {

    private static final AttributeKey<String> IN_FLIGHT = AttributeKey.valueOf("signalbox.completion-token");

    private final DownloadCompletions completions;

    DownloadCompletionHandler(DownloadCompletions completions) {
        this.completions = completions;
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
                ctx.channel().attr(IN_FLIGHT).set(token);
            }
        }
        if (msg instanceof LastHttpContent) {
            String token = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (token != null) {
                // The server writes body chunks with a void promise, which takes no listener.
                ChannelPromise tracked = promise.isVoid()
                        ? ctx.newPromise().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE)
                        : promise;
                tracked.addListener(future -> {
                    if (future.isSuccess()) {
                        completions.written(token);
                    } else {
                        completions.abandoned(token);
                    }
                });
                super.write(ctx, msg, tracked);
                return;
            }
        }
        super.write(ctx, msg, promise);
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

    private void abandonInFlight(ChannelHandlerContext ctx) {
        String token = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
        if (token != null) {
            completions.abandoned(token);
        }
    }
}
