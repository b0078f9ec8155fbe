package io.signalbox.processors.indicator;

/** Natural-log returns of a price series, where both prices are positive. */
final class LogReturns {

    private LogReturns() {
    }

    /**
     * {@code ln(close / earlier)}, computed as {@code log1p((close - earlier) / earlier)}: the subtraction of two
     * nearby prices is exact, so small returns keep all their digits, which {@code log(close / earlier)} would not.
     *
     * @return the log return, or NaN unless both prices are positive
     */
    static double of(double close, double earlier) {
        return close > 0.0 && earlier > 0.0 ? Math.log1p((close - earlier) / earlier) : Double.NaN;
    }
}
