package io.signalbox.processors.indicator;

/**
 * TA-Lib's EMA recursion: seeded with the plain mean of the first {@code period} values (summed in input order,
 * then divided, as TA-Lib does), then {@code ema = (x - ema) * k + ema} with {@code k = 2 / (period + 1)}.
 *
 * <p>A period of 1 (possible for MACD's signal line) gives the input itself: with {@code k = 1} the recursion
 * would equal it only up to the rounding of {@code (x - ema) + ema}.
 */
final class ExponentialAverage {

    private final int period;
    private final double k;
    private int count;
    private double value;

    ExponentialAverage(int period) {
        this.period = period;
        this.k = 2.0 / (period + 1);
    }

    /**
     * @return whether {@link #value()} is defined after this value
     */
    boolean push(double x) {
        if (count == period) {
            value = period == 1 ? x : (x - value) * k + value;
            return true;
        }
        value += x;
        if (++count == period) {
            value = value / period;
            return true;
        }
        return false;
    }

    double value() {
        return value;
    }
}
