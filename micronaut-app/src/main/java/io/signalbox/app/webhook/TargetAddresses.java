package io.signalbox.app.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook may not be sent to: those of this host, of its network and of the cloud's internal
 * services (loopback, link-local such as the instance metadata endpoint, private and shared ranges, multicast,
 * reserved), so that a callback URL cannot be used to reach them.
 */
final class TargetAddresses {

    private TargetAddresses() {
    }

    /**
     * @param address a resolved address
     * @return what kind of address it is when webhooks may not go there, e.g. {@code "a loopback address"}
     */
    static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return refusal6(v6);
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (address.isAnyLocalAddress() || first == 0) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("a shared address (carrier-grade NAT)");
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return Optional.of("a benchmarking address");
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return Optional.of("an IETF protocol address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (first >= 240) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    private static Optional<String> refusal6(Inet6Address address) {
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        // IPv4 addresses written as IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d) are judged as the IPv4
        // address they reach; Java already turns mapped ::ffff:a.b.c.d into IPv4.
        boolean compatible = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (compatible || nat64) {
            try {
                return refusal(Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
        return Optional.empty();
    }
}
