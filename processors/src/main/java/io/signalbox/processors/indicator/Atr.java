package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Average true range over {@code window} bars; TA-Lib's ATR.
 *
 * <p>The true range of a bar is the largest of high minus low and the distances from the previous close to the
 * high and to the low, so the first bar has none. The ATR is seeded with the plain mean of the first {@code window}
 * true ranges (bars 1 to {@code window}) and then smoothed the Wilder way,
 * {@code atr = (atr * (window - 1) + tr) / window}, in TA-Lib's order of operations.
 */
final class Atr extends AbstractIndicator {

    private final int window;
    private long bars;
    private double previousClose;
    private double average;

    Atr(int window) {
        super(List.of("atr_" + window), window);
        this.window = window;
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        long ranges = bars++;
        if (ranges == 0) {
            previousClose = close;
            out[offset] = Double.NaN;
            return;
        }
        double trueRange = trueRange(high, low, previousClose);
        previousClose = close;
        if (ranges < window) {
            average += trueRange;
            out[offset] = Double.NaN;
            return;
        }
        if (ranges == window) {
            average += trueRange;
            average /= window;
        } else {
            average *= window - 1;
            average += trueRange;
            average /= window;
        }
        out[offset] = average;
    }

    static double trueRange(double high, double low, double previousClose) {
        double greatest = high - low;
        double toHigh = Math.abs(previousClose - high);
        if (toHigh > greatest) {
            greatest = toHigh;
        }
        double toLow = Math.abs(previousClose - low);
        if (toLow > greatest) {
            greatest = toLow;
        }
        return greatest;
    }
}
