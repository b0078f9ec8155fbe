package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Rolling z-score of the close: {@code (close - mean) / sd} over the last {@code window} closes, the current one
 * included, with the population standard deviation ({@code ddof = 0}) unless set otherwise, so that the Bollinger
 * bands with the same window and {@code k} sit at z = ±k. Empty where the closes of the window are all equal.
 */
final class ZScore extends AbstractIndicator {

    private final int ddof;
    private final RollingMoments closes;

    ZScore(int window, int ddof) {
        super(List.of("zscore_" + window), window - 1);
        this.ddof = ddof;
        this.closes = new RollingMoments(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        closes.push(close);
        if (!closes.complete()) {
            out[offset] = Double.NaN;
            return;
        }
        double variance = closes.variance(ddof);
        out[offset] = variance > 0.0 ? closes.deviation(close) / Math.sqrt(variance) : Double.NaN;
    }
}
