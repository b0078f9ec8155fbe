package io.signalbox.app.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;

/** Answers names with the addresses a test gives, the next answer each time, as a rebinding DNS server would. */
final class FakeDns implements DnsResolver {

    private final Map<String, Deque<InetAddress[]>> answers = new HashMap<>();

    FakeDns answer(String host, String... addresses) {
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses[i]).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        answers.computeIfAbsent(host, name -> new ArrayDeque<>()).add(resolved);
        return this;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Deque<InetAddress[]> queue = answers.get(host);
        if (queue == null || queue.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
