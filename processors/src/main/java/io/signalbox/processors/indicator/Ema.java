package io.signalbox.processors.indicator;

import java.util.List;

/** Exponential moving average of the close, seeded with the SMA of its first {@code window} bars; TA-Lib's EMA. */
final class Ema implements Indicator {

    private final List<String> columns;
    private final int window;
    private final ExponentialAverage average;

    Ema(int window) {
        this.columns = List.of("ema_" + window);
        this.window = window;
        this.average = new ExponentialAverage(window);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public int lookback() {
        return window - 1;
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        out[offset] = average.push(close) ? average.value() : Double.NaN;
    }
}
