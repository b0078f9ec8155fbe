package io.signalbox.processors.indicator;

/**
 * The highest (or lowest) of the last {@code length} values, O(1) amortised per value.
 *
 * <p>A monotonic queue: it holds only the values that can still become the extremum, in time order, each with the
 * position it arrived at. A new value removes every held value it beats from the back; the front leaves when it
 * falls out of the window.
 */
final class RollingExtremum {

    private final int length;
    private final boolean highest;
    private final double[] values;
    private final long[] positions;
    private int head;
    private int size;
    private long position;

    private RollingExtremum(int length, boolean highest) {
        this.length = length;
        this.highest = highest;
        this.values = new double[length];
        this.positions = new long[length];
    }

    static RollingExtremum highest(int length) {
        return new RollingExtremum(length, true);
    }

    static RollingExtremum lowest(int length) {
        return new RollingExtremum(length, false);
    }

    void push(double x) {
        while (size > 0) {
            double back = values[index(size - 1)];
            if (highest ? back > x : back < x) {
                break;
            }
            size--;
        }
        if (size > 0 && positions[head] <= position - length) {
            head = index(1);
            size--;
        }
        int tail = index(size);
        values[tail] = x;
        positions[tail] = position;
        size++;
        position++;
    }

    /** Whether {@code length} values have been pushed. */
    boolean full() {
        return position >= length;
    }

    /** The extremum of the values in the window. */
    double value() {
        return values[head];
    }

    private int index(int offset) {
        int i = head + offset;
        return i >= length ? i - length : i;
    }
}
