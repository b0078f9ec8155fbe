package io.signalbox.processors.indicator;

/**
 * Bollinger bands of the close: the SMA over {@code window} bars, plus and minus {@code k} population standard
 * deviations of the same bars; TA-Lib's BBANDS with an SMA and equal deviations up and down.
 *
 * <p>Like TA-Lib, a variance below 1e-8 counts as zero, so the three bands coincide on (nearly) flat prices.
 */
final class BollingerBands extends AbstractIndicator {

    /** TA-Lib's {@code TA_IS_ZERO_OR_NEG} tolerance for the variance. */
    static final double ZERO_VARIANCE = 1e-8;

    private final double k;
    private final RollingMoments closes;

    BollingerBands(int window, double k) {
        super(ColumnNames.withSuffix("_" + window + "_" + ColumnNames.number(k), "bb_upper", "bb_middle", "bb_lower"),
                window - 1);
        this.k = k;
        this.closes = new RollingMoments(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        closes.push(close);
        if (!closes.complete()) {
            out[offset] = Double.NaN;
            out[offset + 1] = Double.NaN;
            out[offset + 2] = Double.NaN;
            return;
        }
        double middle = closes.mean();
        double variance = closes.variance(0);
        double width = variance < ZERO_VARIANCE ? 0.0 : Math.sqrt(variance) * k;
        out[offset] = middle + width;
        out[offset + 1] = middle;
        out[offset + 2] = middle - width;
    }
}
