package io.signalbox.processors.indicator;

/**
 * Donchian channel: the highest high (upper), the lowest low (lower) and their midpoint (middle) over the last
 * {@code window} bars, the current one included; the upper and lower lines are TA-Lib's MAX of the high and MIN of
 * the low.
 */
final class Donchian extends AbstractIndicator {

    private final RollingExtremum highs;
    private final RollingExtremum lows;

    Donchian(int window) {
        super(ColumnNames.withSuffix("_" + window, "donchian_upper", "donchian_middle", "donchian_lower"), window - 1);
        this.highs = RollingExtremum.highest(window);
        this.lows = RollingExtremum.lowest(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        highs.push(high);
        lows.push(low);
        if (!highs.full()) {
            out[offset] = Double.NaN;
            out[offset + 1] = Double.NaN;
            out[offset + 2] = Double.NaN;
            return;
        }
        double upper = highs.value();
        double lower = lows.value();
        out[offset] = upper;
        out[offset + 1] = (upper + lower) / 2.0;
        out[offset + 2] = lower;
    }
}
