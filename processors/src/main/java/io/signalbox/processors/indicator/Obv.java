package io.signalbox.processors.indicator;

import java.util.List;

/**
 * On-balance volume; TA-Lib's OBV. It starts at the first bar's volume, then adds a bar's volume when the close
 * rises, subtracts it when the close falls and keeps it when the close is unchanged. The running total is
 * compensated, so it does not drift however long the series.
 */
final class Obv extends AbstractIndicator {

    private final CompensatedSum total = new CompensatedSum();
    private boolean started;
    private double previousClose;

    Obv() {
        super(List.of("obv"), 0);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        if (!started) {
            started = true;
            total.add(volume);
        } else if (close > previousClose) {
            total.add(volume);
        } else if (close < previousClose) {
            total.add(-volume);
        }
        previousClose = close;
        out[offset] = total.value();
    }
}
