package io.signalbox.processors.indicator;

import java.util.List;

/** Simple moving average of the close over {@code window} bars; TA-Lib's SMA. */
final class Sma extends AbstractIndicator {

    private final RollingSum closes;

    Sma(int window) {
        super(List.of("sma_" + window), window - 1);
        this.closes = new RollingSum(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        closes.push(close);
        out[offset] = closes.full() ? closes.mean() : Double.NaN;
    }
}
