package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {

    private static final String SECRET = "whsec_0123456789abcdef";

    private final FakeDns dns = new FakeDns()
            .answer("hooks.example.com", "93.184.215.14")
            .answer("intranet.example.com", "10.20.30.40")
            .answer("127.0.0.1", "127.0.0.1")
            .answer("metadata.example.com", "169.254.169.254");

    private CallbackUrls urls(boolean allowPrivate, Map<String, String> tenantUrls, Map<String, String> secrets) {
        WebhookSettings settings = new WebhookSettings(tenantUrls, secrets, allowPrivate, 1000, 4, 2,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 10, Duration.ofSeconds(30), Duration.ofMinutes(30));
        return new CallbackUrls(settings, new GuardedDnsResolver(dns, allowPrivate));
    }

    private CallbackUrls urls() {
        return urls(false, Map.of(), Map.of("acme", SECRET));
    }

    @Test
    void acceptsAnHttpsUrlOfAPublicHost() {
        assertThat(urls().accept("acme", "https://hooks.example.com/signalbox?token=abc"))
                .isEqualTo("https://hooks.example.com/signalbox?token=abc");
        assertThat(urls().accept("acme", null)).isNull();
    }

    @Test
    void refusesPrivateLoopbackAndLinkLocalTargetsNamingTheField() {
        assertRefused(urls(), "https://intranet.example.com/hook",
                "callbackUrl \"https://intranet.example.com/hook\" is refused: intranet.example.com resolves to"
                        + " 10.20.30.40, a private address; webhooks go to public addresses only");
        assertRefused(urls(), "http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address");
        assertRefused(urls(), "http://metadata.example.com/latest/meta-data/", "169.254.169.254, a link-local address");
    }

    @Test
    void acceptsPrivateTargetsWhenTheSettingAllowsThem() {
        assertThat(urls(true, Map.of(), Map.of("acme", SECRET)).accept("acme", "http://127.0.0.1:8080/hook"))
                .isEqualTo("http://127.0.0.1:8080/hook");
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrl() {
        assertRefused(urls(), "ftp://hooks.example.com/x", "its scheme is ftp; expected an absolute http or https URL");
        assertRefused(urls(), "file:///etc/passwd", "its scheme is file");
        assertRefused(urls(), "/relative/path", "it has no scheme");
        assertRefused(urls(), "https://hooks.example.com/a b", "it is not a URL (Illegal character in path at index 27)");
        assertRefused(urls(), "https:///nohost", "it names no host");
        assertRefused(urls(), "https://user:pw@hooks.example.com/x", "carries a user name or password");
        assertRefused(urls(), "https://hooks.example.com/x#frag", "it has a fragment (#frag)");
        assertRefused(urls(), "https://hooks.example.com/{{signalbox.webhooks.secrets.acme}}", "it is not a URL");
        assertRefused(urls(), "https://hooks.example.com/" + "a".repeat(CallbackUrls.MAX_LENGTH), "at most 2048");
        assertRefused(urls(), "https://unknown.example.com/x", "host unknown.example.com was not found");
    }

    @Test
    void refusesACallbackOfATenantWithoutASecret() {
        assertRefused(urls(false, Map.of(), Map.of()), "https://hooks.example.com/x",
                "tenant acme has no webhook secret to sign with");
    }

    @Test
    void refusesToStartWithATenantUrlThatIsNoHttpUrlOrHasNoSecret() {
        assertThatThrownBy(() -> urls(false, Map.of("acme", "hooks.example.com/x"), Map.of("acme", SECRET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("signalbox.webhooks.urls.acme: \"hooks.example.com/x\" is refused: it has no scheme");
        assertThatThrownBy(() -> urls(false, Map.of("acme", "https://hooks.example.com/x"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("signalbox.webhooks.secrets.acme is not");
        assertThatThrownBy(() -> urls(false, Map.of(), Map.of("acme", "short")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("signalbox.webhooks.secrets.acme has 5 characters; at least 16 are needed");
    }

    private static void assertRefused(CallbackUrls urls, String given, String why) {
        assertThatThrownBy(() -> urls.accept("acme", given))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
                    assertThat(e.code()).isEqualTo("invalid_callback_url");
                })
                .hasMessageContaining(why)
                .hasMessageStartingWith("callbackUrl \"");
    }
}
