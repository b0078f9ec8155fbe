package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Relative strength index of the close over {@code window} bars; TA-Lib's RSI.
 *
 * <p>The average gain and loss are seeded with the plain mean of the first {@code window} changes and then smoothed
 * the Wilder way, {@code avg = (avg * (window - 1) + change) / window}, in TA-Lib's order of operations. Like TA-Lib,
 * the RSI is 0 when the average gain plus the average loss is within 1e-8 of zero (flat prices).
 */
final class Rsi extends AbstractIndicator {

    /** TA-Lib's {@code TA_IS_ZERO} tolerance. */
    static final double ZERO = 1e-8;

    private final int window;
    private long bars;
    private double previous;
    private double gain;
    private double loss;

    Rsi(int window) {
        super(List.of("rsi_" + window), window);
        this.window = window;
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        if (bars++ == 0) {
            previous = close;
            out[offset] = Double.NaN;
            return;
        }
        double change = close - previous;
        previous = close;
        if (bars <= window) {
            accumulate(change);
            out[offset] = Double.NaN;
            return;
        }
        if (bars == window + 1) {
            accumulate(change);
            loss /= window;
            gain /= window;
        } else {
            loss *= window - 1;
            gain *= window - 1;
            accumulate(change);
            loss /= window;
            gain /= window;
        }
        double total = gain + loss;
        out[offset] = -ZERO < total && total < ZERO ? 0.0 : 100.0 * (gain / total);
    }

    private void accumulate(double change) {
        if (change < 0) {
            loss -= change;
        } else {
            gain += change;
        }
    }
}
