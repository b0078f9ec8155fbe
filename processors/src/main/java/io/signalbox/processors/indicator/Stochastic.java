package io.signalbox.processors.indicator;

/**
 * The (slow) stochastic oscillator; TA-Lib's STOCH with simple moving averages.
 *
 * <p>The fast %K of a bar is where the close stands between the lowest low and the highest high of the last
 * {@code window} bars, 0 to 100, computed as TA-Lib does: {@code (close - lowest) / ((highest - lowest) / 100)},
 * and 0 when the range is empty. %K is the SMA of fast %K over {@code smooth_k} bars and %D the SMA of %K over
 * {@code smooth_d} bars; a smoothing of 1 leaves its input as it is.
 */
final class Stochastic extends AbstractIndicator {

    private final RollingExtremum highs;
    private final RollingExtremum lows;
    private final RollingSum slowK;
    private final RollingSum slowD;

    Stochastic(int window, int smoothK, int smoothD) {
        super(ColumnNames.withSuffix("_" + window + "_" + smoothK + "_" + smoothD, "stoch_k", "stoch_d"),
                window - 1 + smoothK - 1 + smoothD - 1);
        this.highs = RollingExtremum.highest(window);
        this.lows = RollingExtremum.lowest(window);
        this.slowK = new RollingSum(smoothK);
        this.slowD = new RollingSum(smoothD);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        highs.push(high);
        lows.push(low);
        if (highs.full()) {
            double lowest = lows.value();
            double range = (highs.value() - lowest) / 100.0;
            slowK.push(range != 0.0 ? (close - lowest) / range : 0.0);
            if (slowK.full()) {
                double k = slowK.mean();
                slowD.push(k);
                if (slowD.full()) {
                    out[offset] = k;
                    out[offset + 1] = slowD.mean();
                    return;
                }
            }
        }
        out[offset] = Double.NaN;
        out[offset + 1] = Double.NaN;
    }
}
