package io.signalbox.processors.indicator;

/**
 * Moving average convergence/divergence of the close: the MACD line (fast EMA minus slow EMA), its signal line (an
 * EMA of the MACD line) and the histogram (line minus signal); TA-Lib's MACD.
 *
 * <p>As in TA-Lib, the fast EMA does not start at the first bar: it is seeded with the mean of the {@code fast}
 * bars that end where the slow EMA's seed window ends, so that both EMAs produce their first value on the same bar
 * ({@code slow - 1}). The signal EMA is seeded with the mean of the first {@code signal} MACD values, and all three
 * columns stay empty until the signal line exists.
 */
final class Macd extends AbstractIndicator {

    private final int fastStart;
    private final ExponentialAverage fast;
    private final ExponentialAverage slow;
    private final ExponentialAverage signal;
    private long bars;

    Macd(int fastWindow, int slowWindow, int signalWindow) {
        super(ColumnNames.withSuffix("_" + fastWindow + "_" + slowWindow + "_" + signalWindow,
                "macd", "macd_signal", "macd_hist"), slowWindow - 1 + signalWindow - 1);
        this.fastStart = slowWindow - fastWindow;
        this.fast = new ExponentialAverage(fastWindow);
        this.slow = new ExponentialAverage(slowWindow);
        this.signal = new ExponentialAverage(signalWindow);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        boolean slowReady = slow.push(close);
        if (bars++ >= fastStart) {
            fast.push(close);
        }
        if (slowReady) {
            double line = fast.value() - slow.value();
            if (signal.push(line)) {
                double signalLine = signal.value();
                out[offset] = line;
                out[offset + 1] = signalLine;
                out[offset + 2] = line - signalLine;
                return;
            }
        }
        out[offset] = Double.NaN;
        out[offset + 1] = Double.NaN;
        out[offset + 2] = Double.NaN;
    }
}
