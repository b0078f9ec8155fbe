package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class GuardedDnsResolverTest {

    @Test
    void refusesAHostThatResolvesToAPrivateAddressAtTheMomentOfSendingAfterAPublicOneBefore() throws Exception {
        FakeDns dns = new FakeDns().answer("hooks.example.com", "93.184.215.14").answer("hooks.example.com", "10.0.0.7");
        GuardedDnsResolver resolver = new GuardedDnsResolver(dns, false);

        assertThat(resolver.resolve("hooks.example.com")).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14");
        assertThatThrownBy(() -> resolver.resolve("hooks.example.com"))
                .isInstanceOf(RefusedTargetException.class)
                .hasMessage("hooks.example.com resolves to 10.0.0.7, a private address; webhooks go to public"
                        + " addresses only");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsRefused() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(
                new FakeDns().answer("mixed.example.com", "93.184.215.14", "169.254.169.254"), false);

        assertThatThrownBy(() -> resolver.resolve("mixed.example.com"))
                .isInstanceOf(RefusedTargetException.class)
                .hasMessageContaining("169.254.169.254, a link-local address");
    }

    @Test
    void namesALiteralAddressOnce() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(new FakeDns().answer("127.0.0.1", "127.0.0.1"), false);

        assertThatThrownBy(() -> resolver.resolve("127.0.0.1"))
                .isInstanceOf(RefusedTargetException.class)
                .hasMessage("127.0.0.1 is a loopback address; webhooks go to public addresses only");
    }

    @Test
    void allowsPrivateAddressesWhenTheSettingSaysSo() throws Exception {
        GuardedDnsResolver resolver = new GuardedDnsResolver(new FakeDns().answer("receiver.lan", "192.168.1.20"), true);

        assertThat(resolver.resolve("receiver.lan")).extracting(InetAddress::getHostAddress).containsExactly("192.168.1.20");
    }

    @Test
    void reportsAnUnknownHostAsUnknown() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(new FakeDns(), false);

        assertThatThrownBy(() -> resolver.resolve("nowhere.example.com"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(RefusedTargetException.class);
    }
}
