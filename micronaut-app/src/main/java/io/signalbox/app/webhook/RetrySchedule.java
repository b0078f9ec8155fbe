package io.signalbox.app.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt of an undelivered event is due: exponential backoff from the first delay, doubling, capped
 * at the longest delay, plus up to a quarter more at random, so that the events of one outage do not all come back
 * at once. Jitter only ever adds, so the schedule's total is never shorter than its nominal one.
 */
final class RetrySchedule {

    private static final double JITTER = 0.25;

    private final Duration first;
    private final Duration longest;

    /**
     * @param first the delay after the first failed attempt
     * @param longest the longest delay between two attempts
     */
    RetrySchedule(Duration first, Duration longest) {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry delays must be positive and the longest at least the first;"
                    + " were " + first + " and " + longest);
        }
        this.first = first;
        this.longest = longest;
    }

    /**
     * @param attemptsMade how many attempts have failed so far, at least 1
     * @param random a number in [0, 1)
     * @return how long to wait before the next attempt
     */
    Duration delayAfter(int attemptsMade, DoubleSupplier random) {
        Duration nominal = nominalDelayAfter(attemptsMade);
        return nominal.plusNanos((long) (nominal.toNanos() * JITTER * random.getAsDouble()));
    }

    /**
     * @param attempts how many attempts an event gets
     * @return the least time from the first attempt to the last
     */
    Duration shortestSpan(int attempts) {
        Duration total = Duration.ZERO;
        for (int made = 1; made < attempts; made++) {
            total = total.plus(nominalDelayAfter(made));
        }
        return total;
    }

    private Duration nominalDelayAfter(int attemptsMade) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attempts made must be at least 1, was " + attemptsMade);
        }
        int doublings = Math.min(attemptsMade - 1, 40);
        long nanos = first.toNanos();
        for (int i = 0; i < doublings && nanos < longest.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, longest.toNanos()));
    }
}
