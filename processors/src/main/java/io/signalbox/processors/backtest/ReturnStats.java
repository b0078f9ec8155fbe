package io.signalbox.processors.backtest;

/**
 * Running statistics of one symbol's backtest, in constant memory: the count, mean and sum of squared deviations
 * of the strategy returns (Welford's method), the sum of squared negative returns, the worst drawdown, the bars
 * held, and the trades' wins, gains and losses.
 */
public final class ReturnStats {

    private long bars;
    private long returns;
    private double mean;
    private double squaredDeviations;
    private double downsideSquares;
    private double maxDrawdown;
    private long exposedBars;
    private double finalEquity = 1.0;
    private long firstMillis;
    private long lastMillis;
    private long trades;
    private long wins;
    private double grossProfit;
    private double grossLoss;

    void firstBar(long epochMillis) {
        firstMillis = epochMillis;
        lastMillis = epochMillis;
    }

    void add(long epochMillis, double strategyReturn, double drawdown) {
        returns++;
        double delta = strategyReturn - mean;
        mean += delta / returns;
        squaredDeviations += delta * (strategyReturn - mean);
        if (strategyReturn < 0) {
            downsideSquares += strategyReturn * strategyReturn;
        }
        if (drawdown < maxDrawdown) {
            maxDrawdown = drawdown;
        }
        finalEquity *= 1.0 + strategyReturn;
        lastMillis = epochMillis;
    }

    void exposure(boolean exposed) {
        bars++;
        if (exposed) {
            exposedBars++;
        }
    }

    void trade(double tradeReturn) {
        trades++;
        if (tradeReturn > 0) {
            wins++;
            grossProfit += tradeReturn;
        } else {
            grossLoss -= tradeReturn;
        }
    }

    /**
     * @return bars booked
     */
    public long bars() {
        return bars;
    }

    /**
     * @return strategy returns booked (bars after the first)
     */
    public long returns() {
        return returns;
    }

    /**
     * @return mean strategy return
     */
    public double mean() {
        return mean;
    }

    /**
     * @return sum of squared deviations of the strategy returns from their mean
     */
    public double squaredDeviations() {
        return squaredDeviations;
    }

    /**
     * @return sum of the squares of the negative strategy returns
     */
    public double downsideSquares() {
        return downsideSquares;
    }

    /**
     * @return the most negative drawdown, 0 when equity never fell
     */
    public double maxDrawdown() {
        return maxDrawdown;
    }

    /**
     * @return bars with a non-zero position
     */
    public long exposedBars() {
        return exposedBars;
    }

    /**
     * @return equity after the last bar
     */
    public double finalEquity() {
        return finalEquity;
    }

    /**
     * @return the first bar's time
     */
    public long firstMillis() {
        return firstMillis;
    }

    /**
     * @return the last bar's time
     */
    public long lastMillis() {
        return lastMillis;
    }

    /**
     * @return closed trades, including one still open at the end
     */
    public long trades() {
        return trades;
    }

    /**
     * @return trades with a positive return
     */
    public long wins() {
        return wins;
    }

    /**
     * @return sum of the positive trade returns
     */
    public double grossProfit() {
        return grossProfit;
    }

    /**
     * @return minus the sum of the non-positive trade returns
     */
    public double grossLoss() {
        return grossLoss;
    }
}
