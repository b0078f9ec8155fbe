package io.signalbox.localaws;

import java.lang.reflect.Field;
import java.util.function.UnaryOperator;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/** Puts handlers in front of S3Proxy's own, which S3Proxy offers no way to do. */
final class S3ProxyHandlers {

    private S3ProxyHandlers() {
    }

    /**
     * Wraps the handler of S3Proxy's Jetty server, reached by reflection; a version of S3Proxy without that field
     * fails here rather than running without the wrapper.
     *
     * @param proxy the proxy, not yet started
     * @param wrapper makes the new handler of the one there now
     */
    static void wrap(S3Proxy proxy, UnaryOperator<Handler> wrapper) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            Server server = (Server) field.get(proxy);
            server.setHandler(wrapper.apply(server.getHandler()));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("S3Proxy no longer has the Jetty server field this build relies on to"
                    + " put its handlers in front; check S3ProxyHandlers against the S3Proxy version", e);
        }
    }
}
