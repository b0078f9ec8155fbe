package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Linearly weighted moving average of the close: the newest of {@code window} bars weighs {@code window}, the
 * oldest 1, divided by {@code window * (window + 1) / 2}; TA-Lib's WMA.
 *
 * <p>The weighted sum is updated in O(1) from the plain sum of the previous window, so each step inherits that
 * sum's rounding error; rebuilding both sums from the window every {@code window} bars keeps the error from
 * accumulating over a long series at O(1) amortised cost.
 */
final class Wma extends AbstractIndicator {

    private final int window;
    private final double divider;
    private final DoubleRing closes;
    private final CompensatedSum weighted = new CompensatedSum();
    private final CompensatedSum plain = new CompensatedSum();
    private int sinceRebuild;

    Wma(int window) {
        super(List.of("wma_" + window), window - 1);
        this.window = window;
        this.divider = (double) window * (window + 1) / 2;
        this.closes = new DoubleRing(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        if (closes.full()) {
            weighted.add((double) window * close);
            weighted.add(-plain.value());
            plain.add(close);
            plain.add(-closes.oldest());
            closes.push(close);
            if (++sinceRebuild == window) {
                rebuild();
            }
        } else {
            weighted.add((double) (closes.size() + 1) * close);
            plain.add(close);
            closes.push(close);
            if (!closes.full()) {
                out[offset] = Double.NaN;
                return;
            }
        }
        out[offset] = weighted.value() / divider;
    }

    private void rebuild() {
        sinceRebuild = 0;
        weighted.reset();
        plain.reset();
        for (int i = 0; i < window; i++) {
            double x = closes.get(i);
            weighted.add((double) (i + 1) * x);
            plain.add(x);
        }
    }
}
