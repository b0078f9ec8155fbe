package io.signalbox.app.tenant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed authentications per client address in a sliding window, so that guessing keys is slow: past
 * {@link AuthSettings#maxFailures()} within {@link AuthSettings#failureWindow()} an address is told to wait. Memory
 * is bounded by {@link AuthSettings#maxAddresses()}.
 */
@Singleton
public final class FailedAuthentications {

    private final AuthSettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures;

    @Inject
    FailedAuthentications(AuthSettings settings) {
        this(settings, Clock.systemUTC());
    }

    FailedAuthentications(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > settings.maxAddresses();
            }
        };
    }

    /**
     * @param address a client address
     * @return how long it must wait before it may try again, when it has used up its failures
     */
    public synchronized Optional<Duration> blocked(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        forgetOld(times, now);
        if (times.size() < settings.maxFailures()) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, times.peekFirst().plus(settings.failureWindow()));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    /**
     * @param address a client address whose authentication just failed
     */
    public synchronized void failed(String address) {
        Deque<Instant> times = failures.computeIfAbsent(address, ignored -> new ArrayDeque<>());
        Instant now = clock.instant();
        forgetOld(times, now);
        times.addLast(now);
        while (times.size() > settings.maxFailures()) {
            times.removeFirst();
        }
    }

    private void forgetOld(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(settings.failureWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }
}
