package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, a loopback address",
            "127.255.0.9, a loopback address",
            "::1, a loopback address",
            "0.0.0.0, an unspecified address",
            "0.1.2.3, an unspecified address",
            "::, an unspecified address",
            "10.0.0.5, a private address",
            "172.16.0.1, a private address",
            "172.31.255.254, a private address",
            "192.168.1.1, a private address",
            "fd00:ec2::254, a private address",
            "fc00::1, a private address",
            "169.254.169.254, a link-local address",
            "fe80::1, a link-local address",
            "100.64.0.1, a shared address (carrier-grade NAT)",
            "100.127.255.255, a shared address (carrier-grade NAT)",
            "198.18.0.1, a benchmarking address",
            "192.0.0.8, an IETF protocol address",
            "224.0.0.251, a multicast address",
            "ff02::1, a multicast address",
            "240.0.0.1, a reserved address",
            "255.255.255.255, a reserved address",
            "::ffff:127.0.0.1, a loopback address",
            "::ffff:10.1.2.3, a private address",
            "::169.254.169.254, a link-local address",
            "64:ff9b::192.168.0.1, a private address"
    })
    void refusesAddressesOfThisHostItsNetworkAndTheCloudsInternals(String address, String kind) throws UnknownHostException {
        assertThat(TargetAddresses.refusal(InetAddress.getByName(address))).hasValue(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "198.20.0.1",
            "2606:4700::6810:84e5", "64:ff9b::8.8.8.8"})
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(TargetAddresses.refusal(InetAddress.getByName(address))).isEmpty();
    }
}
