package io.signalbox.app.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves the hosts webhooks are sent to and refuses every host with an address webhooks may not go to. The HTTP
 * client connects only to the addresses this returned, so a name that resolved to a public address when its URL
 * was accepted and to a private one now (DNS rebinding) is refused at the moment of sending.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final DnsResolver system;
    private final boolean allowPrivate;

    /**
     * @param system resolves names
     * @param allowPrivate whether private, loopback and link-local addresses are allowed after all (local mode)
     */
    GuardedDnsResolver(DnsResolver system, boolean allowPrivate) {
        this.system = system;
        this.allowPrivate = allowPrivate;
    }

    /**
     * @param allowPrivate whether private, loopback and link-local addresses are allowed after all (local mode)
     * @return a resolver over the system's
     */
    static GuardedDnsResolver overSystem(boolean allowPrivate) {
        return new GuardedDnsResolver(SystemDefaultDnsResolver.INSTANCE, allowPrivate);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = system.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = TargetAddresses.refusal(address);
                if (refusal.isPresent()) {
                    throw new RefusedTargetException(host, address.getHostAddress(), refusal.get());
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return system.resolveCanonicalHostname(host);
    }
}
