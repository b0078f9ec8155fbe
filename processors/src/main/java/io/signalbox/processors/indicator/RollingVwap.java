package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Volume-weighted average price over the last {@code window} bars: the sum of typical price
 * {@code (high + low + close) / 3} times volume, divided by the sum of volume. Empty while the window's volume is
 * zero.
 */
final class RollingVwap extends AbstractIndicator {

    private final RollingSum weightedPrices;
    private final RollingSum volumes;

    RollingVwap(int window) {
        super(List.of("vwap_" + window), window - 1);
        this.weightedPrices = new RollingSum(window);
        this.volumes = new RollingSum(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        weightedPrices.push((high + low + close) / 3.0 * volume);
        volumes.push(volume);
        double totalVolume = volumes.sum();
        out[offset] = volumes.full() && totalVolume != 0.0 ? weightedPrices.sum() / totalVolume : Double.NaN;
    }
}
