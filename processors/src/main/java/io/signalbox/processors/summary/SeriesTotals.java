package io.signalbox.processors.summary;

import io.signalbox.processors.backtest.ReturnStats;
import java.util.List;

/**
 * The sums a performance summary is computed from, for one symbol or pooled over several.
 *
 * @param bars bars
 * @param returns strategy returns (bars after each symbol's first)
 * @param mean mean strategy return
 * @param squaredDeviations sum of squared deviations of the strategy returns from {@code mean}
 * @param downsideSquares sum of squares of the negative strategy returns
 * @param maxDrawdown most negative drawdown
 * @param exposedBars bars with a non-zero position
 * @param totalReturn final equity minus 1 (pooled: the mean over the symbols)
 * @param firstMillis first timestamp
 * @param lastMillis last timestamp
 * @param years the time the bars span, in years of 365.25 days (pooled: the sum over the symbols)
 * @param trades trades
 * @param wins trades with a positive return
 * @param grossProfit sum of positive trade returns
 * @param grossLoss minus the sum of non-positive trade returns
 */
public record SeriesTotals(long bars, long returns, double mean, double squaredDeviations, double downsideSquares,
        double maxDrawdown, long exposedBars, double totalReturn, long firstMillis, long lastMillis, double years,
        long trades, long wins, double grossProfit, double grossLoss) {

    /** Milliseconds in a year of 365.25 days. */
    public static final double MILLIS_PER_YEAR = 365.25 * 86_400_000.0;

    /**
     * @param stats one symbol's running statistics
     * @return its totals
     */
    public static SeriesTotals of(ReturnStats stats) {
        return new SeriesTotals(stats.bars(), stats.returns(), stats.mean(), stats.squaredDeviations(),
                stats.downsideSquares(), stats.maxDrawdown(), stats.exposedBars(), stats.finalEquity() - 1.0,
                stats.firstMillis(), stats.lastMillis(), (stats.lastMillis() - stats.firstMillis()) / MILLIS_PER_YEAR,
                stats.trades(), stats.wins(), stats.grossProfit(), stats.grossLoss());
    }

    /**
     * Pools symbols: counts and sums add up, means and squared deviations combine as in Chan et al.'s parallel
     * variance, the drawdown is the worst one, the total return is the mean of the symbols' total returns.
     *
     * @param parts the symbols' totals, at least one
     * @return the pooled totals
     */
    public static SeriesTotals pool(List<SeriesTotals> parts) {
        long bars = 0;
        long returns = 0;
        double weightedMean = 0;
        double downside = 0;
        double maxDrawdown = 0;
        long exposed = 0;
        double totalReturns = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double years = 0;
        long trades = 0;
        long wins = 0;
        double profit = 0;
        double loss = 0;
        for (SeriesTotals p : parts) {
            bars += p.bars;
            returns += p.returns;
            weightedMean += p.mean * p.returns;
            downside += p.downsideSquares;
            maxDrawdown = Math.min(maxDrawdown, p.maxDrawdown);
            exposed += p.exposedBars;
            totalReturns += p.totalReturn;
            first = Math.min(first, p.firstMillis);
            last = Math.max(last, p.lastMillis);
            years += p.years;
            trades += p.trades;
            wins += p.wins;
            profit += p.grossProfit;
            loss += p.grossLoss;
        }
        double mean = returns == 0 ? 0 : weightedMean / returns;
        double squared = 0;
        for (SeriesTotals p : parts) {
            double d = p.mean - mean;
            squared += p.squaredDeviations + p.returns * d * d;
        }
        return new SeriesTotals(bars, returns, mean, squared, downside, maxDrawdown, exposed,
                parts.isEmpty() ? 0 : totalReturns / parts.size(), first, last, years, trades, wins, profit, loss);
    }
}
