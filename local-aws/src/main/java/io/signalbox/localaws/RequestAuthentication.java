package io.signalbox.localaws;

import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Notes how each request to S3Proxy was authenticated, for the blob store underneath, which never sees the HTTP
 * request: S3Proxy serves a request on the thread that hands it over, so the store reads it from this thread's note
 * ({@link #current()}) while the request is being served.
 */
final class RequestAuthentication extends Handler.Wrapper {

    private static final ThreadLocal<AuthenticationMethod> CURRENT = new ThreadLocal<>();

    RequestAuthentication(Handler handler) {
        super(handler);
    }

    /**
     * @return how the request this thread serves was authenticated; {@link AuthenticationMethod#NONE} outside one
     */
    static AuthenticationMethod current() {
        AuthenticationMethod method = CURRENT.get();
        return method == null ? AuthenticationMethod.NONE : method;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        CURRENT.set(AuthenticationMethod.of(request.getHeaders().get("Authorization"),
                request.getHttpURI().getQuery()));
        try {
            return super.handle(request, response, callback);
        } finally {
            CURRENT.remove();
        }
    }
}
