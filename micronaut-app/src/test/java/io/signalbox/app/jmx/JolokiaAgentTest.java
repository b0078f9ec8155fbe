package io.signalbox.app.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JolokiaAgentTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void bindsToLoopbackWithoutCredentials() {
        assertThat(new JolokiaSettings(true, "127.0.0.1", 8778, null, null).authenticated()).isFalse();
        assertThat(new JolokiaSettings(true, "::1", 8778, "", "").authenticated()).isFalse();
    }

    @Test
    void refusesAnAddressOtherMachinesReachWithoutCredentials() {
        assertThatThrownBy(() -> new JolokiaSettings(true, "0.0.0.0", 8778, null, null).authenticated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signalbox.jolokia.host=0.0.0.0 is reachable from other machines")
                .hasMessageContaining("signalbox.jolokia.user and signalbox.jolokia.password");
        assertThatThrownBy(() -> new JolokiaSettings(true, "0.0.0.0", 8778, "ops", " ").authenticated())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAHostThatIsNoAddress() {
        assertThatThrownBy(() -> new JolokiaSettings(true, "no-such-host.invalid", 8778, null, null).authenticated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("signalbox.jolokia.host=no-such-host.invalid is not an address of this machine");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(new JolokiaSettings(true, "0.0.0.0", 8778, "ops", "s3cret").toString())
                .contains("user=ops").doesNotContain("s3cret");
    }

    @Test
    void withCredentialsEveryRequestMustAuthenticate() throws Exception {
        JolokiaAgent agent = new JolokiaAgent(new JolokiaSettings(true, "127.0.0.1", 0, "ops", "s3cret"));
        try {
            HttpRequest.Builder version = HttpRequest.newBuilder(agent.url().resolve("version")).GET();

            assertThat(http.send(version.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            String wrong = Base64.getEncoder().encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8));
            assertThat(http.send(version.copy().header("Authorization", "Basic " + wrong).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            String right = Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = http.send(version.copy().header("Authorization", "Basic " + right).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"agent\":\"2.6.0\"");
        } finally {
            agent.stop();
        }
    }
}
