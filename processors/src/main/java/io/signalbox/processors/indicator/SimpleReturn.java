package io.signalbox.processors.indicator;

/**
 * Simple return of the close over {@code period} bars, {@code (close - close[-period]) / close[-period]}; TA-Lib's
 * ROCP. Empty where the earlier close is zero (TA-Lib writes 0 there).
 */
final class SimpleReturn extends PeriodReturn {

    SimpleReturn(int period) {
        super("return", period);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        if (closes.full()) {
            double earlier = closes.oldest();
            out[offset] = earlier != 0.0 ? (close - earlier) / earlier : Double.NaN;
        } else {
            out[offset] = Double.NaN;
        }
        closes.push(close);
    }
}
