package io.signalbox.processors.indicator;

/** Natural-log returns of a price series, where both prices are positive. */
final class LogReturns {

    private LogReturns() {
    }

    /**
     * {@code ln(close / earlier)} to within a few ulps.
     *
     * <p>Between half and twice the earlier price, the difference of the two prices is exact, so
     * {@code log1p((close - earlier) / earlier)} keeps every digit of a small return, which {@code log(close /
     * earlier)} would lose to the rounding of the ratio near 1. Further away the ratio's rounding no longer matters
     * and {@code log1p} would be the worse choice: near a ratio of 0 its argument is close to -1, where it
     * amplifies the rounding.
     *
     * @return the log return, or NaN unless both prices are positive
     */
    static double of(double close, double earlier) {
        if (!(close > 0.0 && earlier > 0.0)) {
            return Double.NaN;
        }
        double ratio = close / earlier;
        return ratio > 0.5 && ratio < 2.0 ? Math.log1p((close - earlier) / earlier) : Math.log(ratio);
    }
}
