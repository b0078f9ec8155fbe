package io.signalbox.processors.summary;

/**
 * The performance figures of the summary; {@code null} where a figure is undefined (too few bars, a zero
 * denominator). The formulas are in {@code docs/summary.md}.
 *
 * @param periodsPerYear bars per year used to annualise
 * @param totalReturn final equity minus 1
 * @param cagr {@code (1 + total_return)^(1 / years) - 1}
 * @param volatility sample standard deviation of the strategy returns times {@code sqrt(periods_per_year)}
 * @param sharpe {@code (mean - risk_free_rate / periods_per_year) / stdev * sqrt(periods_per_year)}
 * @param sortino {@code mean / downside_deviation * sqrt(periods_per_year)}, downside deviation
 *     {@code sqrt(sum(min(r, 0)^2) / n)}
 * @param maxDrawdown most negative drawdown
 * @param calmar {@code cagr / |max_drawdown|}
 * @param trades trades
 * @param winRate share of trades with a positive return
 * @param profitFactor sum of positive trade returns over minus the sum of negative ones
 * @param exposure share of bars with a non-zero position
 */
public record Performance(Double periodsPerYear, Double totalReturn, Double cagr, Double volatility, Double sharpe,
        Double sortino, Double maxDrawdown, Double calmar, long trades, Double winRate, Double profitFactor,
        Double exposure) {

    /**
     * @param t the totals
     * @param calendarYears the span used for the CAGR, in years
     * @param periodsPerYear bars per year from the recipe, or {@code null} to derive {@code returns / years}
     * @param riskFreeRate annual risk-free rate
     * @return the figures
     */
    public static Performance of(SeriesTotals t, double calendarYears, Double periodsPerYear, double riskFreeRate) {
        Double ppy = periodsPerYear != null ? periodsPerYear : t.years() > 0 ? t.returns() / t.years() : null;
        Double total = t.bars() > 0 ? t.totalReturn() : null;
        Double cagr = total != null && calendarYears > 0 && total > -1
                ? Math.pow(1 + total, 1 / calendarYears) - 1 : null;
        Double volatility = null;
        Double sharpe = null;
        Double sortino = null;
        if (t.returns() >= 2 && ppy != null) {
            double stdev = Math.sqrt(t.squaredDeviations() / (t.returns() - 1));
            double annual = Math.sqrt(ppy);
            volatility = stdev * annual;
            if (stdev > 0) {
                sharpe = (t.mean() - riskFreeRate / ppy) / stdev * annual;
            }
            double downside = Math.sqrt(t.downsideSquares() / t.returns());
            if (downside > 0) {
                sortino = t.mean() / downside * annual;
            }
        }
        Double maxDrawdown = t.bars() > 0 ? t.maxDrawdown() : null;
        Double calmar = cagr != null && maxDrawdown != null && maxDrawdown < 0 ? cagr / -maxDrawdown : null;
        Double winRate = t.trades() > 0 ? (double) t.wins() / t.trades() : null;
        Double profitFactor = t.grossLoss() > 0 ? t.grossProfit() / t.grossLoss() : null;
        Double exposure = t.bars() > 0 ? (double) t.exposedBars() / t.bars() : null;
        return new Performance(ppy, total, cagr, volatility, sharpe, sortino, maxDrawdown, calmar, t.trades(),
                winRate, profitFactor, exposure);
    }
}
