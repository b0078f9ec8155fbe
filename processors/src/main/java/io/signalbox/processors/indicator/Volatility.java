package io.signalbox.processors.indicator;

import java.util.List;

/**
 * Annualised rolling volatility: the standard deviation of the last {@code window} one-bar log returns of the close
 * (sample, {@code ddof = 1}, unless set otherwise), times the square root of {@code periods_per_year}. A window
 * that holds a return which is not defined (a close that is not positive) gives an empty cell.
 */
final class Volatility extends AbstractIndicator {

    private final int ddof;
    private final double annualisation;
    private final RollingMoments returns;
    private boolean started;
    private double previousClose;

    Volatility(int window, double periodsPerYear, int ddof) {
        super(List.of("volatility_" + window), window);
        this.ddof = ddof;
        this.annualisation = Math.sqrt(periodsPerYear);
        this.returns = new RollingMoments(window);
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        if (!started) {
            started = true;
            previousClose = close;
            out[offset] = Double.NaN;
            return;
        }
        returns.push(LogReturns.of(close, previousClose));
        previousClose = close;
        out[offset] = returns.complete() ? Math.sqrt(returns.variance(ddof)) * annualisation : Double.NaN;
    }
}
