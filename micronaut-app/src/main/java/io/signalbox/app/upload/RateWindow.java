package io.signalbox.app.upload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a sender has kept below a minimum rate for a whole window: fed the running byte count at regular times,
 * it compares what arrived over the last window with what the minimum rate asks for that long. A sender is judged
 * only once it has been watched for a whole window, and a burst counts only while it lies within the window.
 */
final class RateWindow {

    private final long minBytesPerSecond;
    private final long windowNanos;
    private final Deque<long[]> samples = new ArrayDeque<>();

    /**
     * @param minBytesPerSecond the slowest acceptable rate; 0 accepts any
     * @param window how long the rate may stay below the minimum
     * @param startNanos when watching starts, as {@link System#nanoTime()}
     */
    RateWindow(long minBytesPerSecond, Duration window, long startNanos) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = window.toNanos();
        samples.add(new long[] {startNanos, 0});
    }

    /**
     * @param nowNanos the time of the count, as {@link System#nanoTime()}, not before the previous one
     * @param bytes bytes received since watching started
     * @return whether fewer bytes arrived over the last window than the minimum rate asks for
     */
    boolean tooSlow(long nowNanos, long bytes) {
        samples.addLast(new long[] {nowNanos, bytes});
        long cutoff = nowNanos - windowNanos;
        while (samples.size() > 1 && secondOldest()[0] <= cutoff) {
            samples.removeFirst();
        }
        long[] oldest = samples.getFirst();
        if (minBytesPerSecond == 0 || oldest[0] > cutoff) {
            return false;
        }
        double seconds = (nowNanos - oldest[0]) / 1e9;
        return bytes - oldest[1] < minBytesPerSecond * seconds;
    }

    private long[] secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
