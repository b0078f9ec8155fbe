package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":\"e-1\",\"type\":\"job.succeeded\"}".getBytes(StandardCharsets.UTF_8);

    /** The expected value was computed with Python's hmac module, as docs/webhooks.md verifies it. */
    @Test
    void signsTheTimeAndTheBodyWithHmacSha256InHex() {
        assertThat(WebhookSignature.header("whsec_0123456789abcdef", 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=7961bbf06f18fc26c74f2ee947a7768b83a7d9f8fc2d825ac7d1d3fd662fe959");
    }

    @Test
    void givesAnotherSignatureForAnotherTimeSecretOrBody() {
        String original = WebhookSignature.header("whsec_0123456789abcdef", 1_700_000_000L, BODY);
        assertThat(WebhookSignature.header("whsec_0123456789abcdef", 1_700_000_001L, BODY).substring(14))
                .isNotEqualTo(original.substring(14));
        assertThat(WebhookSignature.header("whsec_0123456789abcdeF", 1_700_000_000L, BODY)).isNotEqualTo(original);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] = 'x';
        assertThat(WebhookSignature.header("whsec_0123456789abcdef", 1_700_000_000L, tampered)).isNotEqualTo(original);
    }
}
