package io.signalbox.processors.indicator;

import java.util.List;

/** Exponential moving average of the close, seeded with the SMA of its first {@code window} bars; TA-Lib's EMA. */
final class Ema extends AbstractIndicator {

    private final ExponentialAverage average;

    Ema(int window) {
        super(List.of("ema_" + window), window - 1);
        this.average = new ExponentialAverage(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        out[offset] = average.push(close) ? average.value() : Double.NaN;
    }
}
