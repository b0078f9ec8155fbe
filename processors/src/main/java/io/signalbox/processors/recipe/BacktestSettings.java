package io.signalbox.processors.recipe;

/**
 * The backtest of a recipe.
 *
 * @param longShort whether short positions are taken (false: long-only, a negative signal means flat)
 * @param feeBps fee per unit of position traded, in basis points of the traded value
 * @param slippageBps slippage per unit of position traded, in basis points
 * @param trades whether the summary lists the trades
 * @param riskFreeRate annual risk-free rate used by the Sharpe ratio, such as {@code 0.02}
 * @param periodsPerYear bars per year for annualising, or {@code null} to derive it from the timestamps
 */
public record BacktestSettings(boolean longShort, double feeBps, double slippageBps, boolean trades,
        double riskFreeRate, Double periodsPerYear) {

    /**
     * @return the cost of trading one unit of position, as a fraction: {@code (fee_bps + slippage_bps) / 10000}
     */
    public double costPerUnit() {
        return (feeBps + slippageBps) / 10_000.0;
    }
}
