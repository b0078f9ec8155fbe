package io.signalbox.app.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Bounds the whole of one attempt, not just each read: a receiver that trickles its answer a byte at a time, or
 * never ends it, has its connection closed when the attempt's time is up. Socket timeouts alone would let it hold a
 * sender for as long as it keeps trickling.
 *
 * <p>The cut-off stays armed after the response headers arrive, because the body is read afterwards; once the
 * connection went back to the pool the attempt no longer holds it, and the cut-off does nothing.
 */
final class AttemptDeadline implements ExecChainHandler {

    private final ScheduledExecutorService timer;
    private final Duration timeout;

    /**
     * @param timer runs the cut-offs
     * @param timeout how long one attempt may take in all
     */
    AttemptDeadline(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeout = timeout;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ScheduledFuture<?> cutOff = timer.schedule(scope.execRuntime::discardEndpoint, timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            cutOff.cancel(false);
            throw e;
        }
    }
}
