package io.signalbox.processors.indicator;

/**
 * A running sum that carries the low-order bits each addition would lose (Neumaier's variant of Kahan summation).
 *
 * <p>Rolling windows add every value once and subtract it once; with a plain {@code double} the rounding errors of
 * those operations accumulate over the life of the series, and a single huge value that passes through the window
 * leaves its rounding error behind for good. The compensation term keeps the error of {@link #value()} within a few
 * units in the last place of the true sum, however many values went through.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }

    void reset() {
        sum = 0.0;
        compensation = 0.0;
    }
}
