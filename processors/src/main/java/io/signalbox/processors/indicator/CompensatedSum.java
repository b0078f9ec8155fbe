package io.signalbox.processors.indicator;

/**
 * A running sum that carries the low-order bits each addition would lose, so that its error stays within a few
 * units in the last place of the true sum however many values went through.
 *
 * <p>Rolling windows add every value once and subtract it once; with a plain {@code double} the rounding errors of
 * those operations accumulate over the life of the series, and a single huge value that passes through the window
 * leaves its rounding error behind for good. Each addition here is Knuth's TwoSum, which recovers the exact rounding
 * error of {@code sum + x} for any magnitudes without a branch (Neumaier's variant needs one, and the branch is
 * unpredictable for sums of deviations that change sign).
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double x) {
        double t = sum + x;
        double xPart = t - sum;
        compensation += (sum - (t - xPart)) + (x - xPart);
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
