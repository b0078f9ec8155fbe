package io.signalbox.localaws;

import java.lang.reflect.Field;
import java.util.concurrent.Semaphore;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only a few requests with a SHA-256-signed payload into S3Proxy at a time.
 *
 * <p>S3Proxy reads such a payload whole into memory to check its hash before it authenticates the request. The AWS
 * CLI signs every payload over plain HTTP and sends ten 8 MB parts at once by default, which held over 200 MB of
 * heap in S3Proxy; behind this gate the others wait their turn. Streaming (chunked) uploads, the AWS SDK's way, and
 * every other request pass untouched.
 */
final class SignedPayloadLimiter extends Handler.Wrapper {

    /** Requests whose payload S3Proxy holds at once; each holds at most {@link S3Server#MAX_SIGNED_PAYLOAD_MIB}. */
    static final int CONCURRENT_SIGNED_PAYLOADS = 2;

    /** Below this a buffered payload costs too little to be worth a wait. */
    private static final long SMALL_PAYLOAD_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SignedPayloadLimiter.class);

    private final Semaphore permits = new Semaphore(CONCURRENT_SIGNED_PAYLOADS, true);

    private SignedPayloadLimiter(Handler handler) {
        super(handler);
    }

    /**
     * Puts the limiter in front of S3Proxy's own handler. S3Proxy offers no way to add a handler, so this reaches its
     * Jetty server by reflection; a version of S3Proxy without that field fails here rather than running unguarded.
     */
    static void install(S3Proxy proxy) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            Server server = (Server) field.get(proxy);
            server.setHandler(new SignedPayloadLimiter(server.getHandler()));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("S3Proxy no longer has the Jetty server field this build relies on to"
                    + " limit buffered uploads; check SignedPayloadLimiter against the S3Proxy version", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!bufferedByS3Proxy(request.getHeaders().get("x-amz-content-sha256"),
                request.getHeaders().get("Content-Length"))) {
            return super.handle(request, response, callback);
        }
        if (!permits.tryAcquire()) {
            LOG.debug("{} {} waits for one of {} slots for signed payloads", request.getMethod(),
                    request.getHttpURI().getPath(), CONCURRENT_SIGNED_PAYLOADS);
            permits.acquire();
        }
        try {
            return super.handle(request, response, callback);
        } finally {
            permits.release();
        }
    }

    /** A hex SHA-256 in x-amz-content-sha256 means a payload S3Proxy must read whole to check. */
    static boolean bufferedByS3Proxy(String contentSha256, String contentLength) {
        if (contentSha256 == null || !contentSha256.matches("[0-9a-fA-F]{64}")) {
            return false;
        }
        try {
            return contentLength == null || Long.parseLong(contentLength.trim()) >= SMALL_PAYLOAD_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
