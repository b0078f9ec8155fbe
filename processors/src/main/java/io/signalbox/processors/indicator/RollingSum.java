package io.signalbox.processors.indicator;

/** The sum of the last {@code length} values of a series, kept exact to a few ulps by compensation. */
final class RollingSum {

    private final DoubleRing window;
    private final CompensatedSum sum = new CompensatedSum();

    RollingSum(int length) {
        window = new DoubleRing(length);
    }

    void push(double x) {
        if (window.full()) {
            sum.add(-window.oldest());
        }
        window.push(x);
        sum.add(x);
    }

    boolean full() {
        return window.full();
    }

    double sum() {
        return sum.value();
    }

    /** The mean of a full window, divided the way TA-Lib's SMA divides its running total. */
    double mean() {
        return sum.value() / window.capacity();
    }
}
