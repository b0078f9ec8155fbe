package io.signalbox.processors.backtest;

import io.signalbox.processors.recipe.BacktestSettings;
import java.util.function.Consumer;

/**
 * The backtest of one symbol, bar by bar, with no look-ahead: the position held over bar {@code t} is the signal of
 * bar {@code t-1} (long-only clips negative signals to 0), so a signal computed from a bar's close is traded at that
 * close and first earns on the next bar.
 *
 * <pre>
 * ret_t          = close_t / close_{t-1} - 1
 * cost_t         = |position_t - position_{t-1}| * (fee_bps + slippage_bps) / 10000
 * strategy_ret_t = position_t * ret_t - cost_t
 * equity_t       = equity_{t-1} * (1 + strategy_ret_t),  equity_0 = 1
 * drawdown_t     = equity_t / max(equity_0 .. equity_t) - 1
 * </pre>
 *
 * <p>On the first bar {@code ret} and {@code strategy_ret} are undefined, the position is 0, equity 1, drawdown 0.
 * The ledger also accumulates what the summary needs; its state does not grow with the series. Not thread-safe.
 */
public final class BacktestLedger {

    private final boolean longShort;
    private final double costPerUnit;
    private final String symbol;
    private final Consumer<Trade> trades;

    private double previousClose = Double.NaN;
    private double heldPosition;
    private double nextPosition;
    private double equity = 1.0;
    private double peak = 1.0;
    private long previousMillis;

    private double position;
    private double barReturn;
    private double strategyReturn;
    private double drawdown;

    private final ReturnStats stats = new ReturnStats();

    private int tradeSign;
    private long tradeEntry;
    private long tradeBars;
    private double tradeGrowth;
    private long tradeExit;

    /**
     * @param settings the backtest settings
     * @param symbol the symbol, for the trades
     * @param trades told of each trade when it closes, or {@code null} when nobody lists trades
     */
    public BacktestLedger(BacktestSettings settings, String symbol, Consumer<Trade> trades) {
        this.longShort = settings.longShort();
        this.costPerUnit = settings.costPerUnit();
        this.symbol = symbol;
        this.trades = trades;
    }

    /**
     * Books one bar.
     *
     * @param epochMillis the bar's time
     * @param close the bar's close, positive
     * @param signal the signal computed at this bar's close, in [-1, 1]
     */
    public void update(long epochMillis, double close, double signal) {
        double held = nextPosition;
        position = held;
        if (Double.isNaN(previousClose)) {
            barReturn = Double.NaN;
            strategyReturn = Double.NaN;
            drawdown = 0.0;
            stats.firstBar(epochMillis);
        } else {
            barReturn = close / previousClose - 1.0;
            double cost = Math.abs(held - heldPosition) * costPerUnit;
            // Flat bars earn exactly 0, not the -0.0 that 0 times a negative return would give.
            strategyReturn = (held == 0.0 ? 0.0 : held * barReturn) - cost;
            equity *= 1.0 + strategyReturn;
            if (equity > peak) {
                peak = equity;
            }
            drawdown = equity / peak - 1.0;
            stats.add(epochMillis, strategyReturn, drawdown);
            trackTrade(held, epochMillis);
        }
        stats.exposure(held != 0.0);
        heldPosition = held;
        nextPosition = longShort ? signal : Math.max(signal, 0.0);
        previousClose = close;
        previousMillis = epochMillis;
    }

    private void trackTrade(double held, long epochMillis) {
        int sign = held > 0 ? 1 : held < 0 ? -1 : 0;
        if (sign != tradeSign) {
            closeTrade(false);
            if (sign != 0) {
                tradeSign = sign;
                tradeEntry = previousMillis;
                tradeBars = 0;
                tradeGrowth = 1.0;
            }
        }
        if (tradeSign != 0) {
            tradeGrowth *= 1.0 + strategyReturn;
            tradeBars++;
            tradeExit = epochMillis;
        }
    }

    private void closeTrade(boolean open) {
        if (tradeSign == 0) {
            return;
        }
        double tradeReturn = tradeGrowth - 1.0;
        stats.trade(tradeReturn);
        if (trades != null) {
            trades.accept(new Trade(symbol, tradeSign > 0 ? "long" : "short", tradeEntry, tradeExit, tradeBars,
                    tradeReturn, open));
        }
        tradeSign = 0;
    }

    /** Closes a trade still held at the end of the series; call once after the last bar. */
    public void finish() {
        closeTrade(true);
    }

    /**
     * @return the position held over the last bar
     */
    public double position() {
        return position;
    }

    /**
     * @return the last bar's return, NaN on the first bar
     */
    public double barReturn() {
        return barReturn;
    }

    /**
     * @return the last bar's strategy return, NaN on the first bar
     */
    public double strategyReturn() {
        return strategyReturn;
    }

    /**
     * @return equity after the last bar
     */
    public double equity() {
        return equity;
    }

    /**
     * @return drawdown after the last bar, at most 0
     */
    public double drawdown() {
        return drawdown;
    }

    /**
     * @return what the summary needs
     */
    public ReturnStats stats() {
        return stats;
    }
}
