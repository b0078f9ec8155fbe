package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Log return of the close over {@code period} bars, {@code ln(close / close[-period])}. Empty unless both closes
 * are positive.
 */
final class LogReturn extends AbstractIndicator {

    private final DoubleRing closes;

    LogReturn(int period) {
        super(List.of("log_return_" + period), period);
        this.closes = new DoubleRing(period);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        out[offset] = closes.full() ? LogReturns.of(close, closes.oldest()) : Double.NaN;
        closes.push(close);
    }
}
