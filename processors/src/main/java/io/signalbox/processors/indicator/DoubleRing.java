package io.signalbox.processors.indicator;

/** The last {@code capacity} values of a series, oldest first; pushing into a full ring drops the oldest. */
final class DoubleRing {

    private final double[] values;
    private int next;
    private int size;

    DoubleRing(int capacity) {
        values = new double[capacity];
    }

    int capacity() {
        return values.length;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == values.length;
    }

    /** The value that the next {@link #push} drops; meaningful only when {@link #full()}. */
    double oldest() {
        return values[next];
    }

    void push(double x) {
        values[next] = x;
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) {
            size++;
        }
    }

    /** The {@code i}-th value held, {@code 0} being the oldest. */
    double get(int i) {
        int index = next - size + i;
        return values[index < 0 ? index + values.length : index];
    }
}
