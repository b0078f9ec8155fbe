package io.signalbox.processors.indicator;

/**
 * Log return of the close over {@code period} bars, {@code ln(close / close[-period])}. Empty unless both closes
 * are positive.
 */
final class LogReturn extends PeriodReturn {

    LogReturn(int period) {
        super("log_return", period);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        out[offset] = closes.full() ? LogReturns.of(close, closes.oldest()) : Double.NaN;
        closes.push(close);
    }
}
