package io.signalbox.processors.indicator;

import java.util.List;

/** Simple moving average of the close over {@code window} bars; TA-Lib's SMA. */
final class Sma implements Indicator {

    private final List<String> columns;
    private final int window;
    private final RollingSum closes;

    Sma(int window) {
        this.columns = List.of("sma_" + window);
        this.window = window;
        this.closes = new RollingSum(window);
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
        closes.push(close);
        out[offset] = closes.full() ? closes.mean() : Double.NaN;
    }
}
