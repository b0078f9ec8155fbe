package io.signalbox.app.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Signalbox-Signature} header: {@code t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">} keyed with the
 * tenant's webhook secret. The time is signed with the body, so a receiver that refuses old times cannot be fed an
 * old delivery again.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    /**
     * @param secret the tenant's webhook secret
     * @param unixSeconds the time of the attempt
     * @param body the exact bytes sent
     * @return the header's value
     */
    static String header(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
