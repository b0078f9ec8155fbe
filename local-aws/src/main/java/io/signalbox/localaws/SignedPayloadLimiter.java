package io.signalbox.localaws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.io.Content;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only a few requests with a SHA-256-signed payload into S3Proxy at a time, and none larger than
 * {@link S3Server#MAX_SIGNED_PAYLOAD_MIB} MiB.
 *
 * <p>S3Proxy reads such a payload whole into memory to check its hash before it authenticates the request. The AWS
 * CLI signs every payload over plain HTTP and sends ten 8 MB parts at once by default, which held over 200 MB of
 * heap in S3Proxy; behind this gate the others wait their turn. Streaming (chunked) uploads, the AWS SDK's way, and
 * every other request pass untouched.
 *
 * <p>An oversized payload is refused here rather than by S3Proxy, because S3Proxy refuses it without reading the
 * body and Jetty then drops the connection: the client would see a broken pipe instead of the error.
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

    /** Puts the limiter in front of S3Proxy's own handler. */
    static void install(S3Proxy proxy) {
        S3ProxyHandlers.wrap(proxy, SignedPayloadLimiter::new);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String contentLength = request.getHeaders().get("Content-Length");
        if (!bufferedByS3Proxy(request.getHeaders().get("x-amz-content-sha256"), contentLength)) {
            return super.handle(request, response, callback);
        }
        if (tooLargeToBuffer(contentLength)) {
            Content.Source.consumeAll(request);
            response.setStatus(400);
            response.getHeaders().put("Content-Type", "application/xml");
            response.write(true, ByteBuffer.wrap(tooLargeError(contentLength).getBytes(StandardCharsets.UTF_8)),
                    callback);
            return true;
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

    static boolean tooLargeToBuffer(String contentLength) {
        try {
            return contentLength != null
                    && Long.parseLong(contentLength.trim()) > S3Server.MAX_SIGNED_PAYLOAD_MIB * 1024L * 1024L;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String tooLargeError(String contentLength) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>MaxMessageLengthExceeded</Code>"
                + "<Message>Your request was too big: the local S3 server must hold a payload signed with its SHA-256"
                + " in memory and takes at most " + S3Server.MAX_SIGNED_PAYLOAD_MIB + " MiB, this one has "
                + contentLength.trim() + " bytes. Send it in smaller multipart parts (AWS CLI: s3.multipart_chunksize)"
                + " or with chunked encoding.</Message></Error>";
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
