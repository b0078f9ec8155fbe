package io.signalbox.processors.engine;

import io.signalbox.processors.backtest.BacktestLedger;
import io.signalbox.processors.backtest.Trade;
import io.signalbox.processors.indicator.Indicator;
import io.signalbox.processors.signal.CompiledRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The computing stage of a run: for each bar of a batch, in file order, its symbol's indicators, then its signal,
 * then its backtest ledger and equity curve, then the cells the output holds. One thread at a time; bars of one
 * symbol must come in file order, which makes the results the same however the other stages are spread over threads.
 */
final class RowPipeline {

    private final EnginePlan plan;
    private final EngineLimits limits;
    private final SignalsJoin join;
    private final boolean fillCells;
    private final SymbolTable seen = new SymbolTable();
    private final List<Trade> trades = new ArrayList<>();
    private long tradesOmitted;
    private long lastBarMillis = Long.MIN_VALUE;
    private boolean pricesTimeOrdered = true;
    private long rows;

    /**
     * @param join the signals file joined to the bars, or {@code null}
     * @param fillCells whether a result is written, which needs the batches' cells
     */
    RowPipeline(EnginePlan plan, EngineLimits limits, SignalsJoin join, boolean fillCells) {
        this.plan = plan;
        this.limits = limits;
        this.join = join;
        this.fillCells = fillCells;
    }

    /** Computes every row of the batch and fills its cells. */
    void compute(RowBatch batch) {
        final EnginePlan p = plan;
        final int[] stepOffsets = p.stepOffsets;
        final int[] outputSlots = p.outputSlots;
        final int cells = fillCells ? outputSlots.length : 0;
        final boolean hasSignal = p.hasSignal();
        final boolean uploaded = p.signalSource.uploaded();
        final boolean backtest = p.backtest;
        final boolean hold = p.hold;
        final int signalSlot = p.signalSlot;
        final int backtestSlot = p.backtestSlot;
        final CompiledRules rules = p.rules;
        final double[] bars = batch.bars;
        final double[] out = batch.cells;
        for (int r = 0, n = batch.rows; r < n; r++) {
            SymbolState state = batch.symbols[r];
            long millis = batch.millis[r];
            int at = r * RowBatch.BAR_VALUES;
            double open = bars[at];
            double high = bars[at + 1];
            double low = bars[at + 2];
            double close = bars[at + 3];
            double volume = bars[at + 4];
            if (state.rows == 0) {
                state.firstMillis = millis;
                seen.add(state);
            }
            if (millis < lastBarMillis) {
                pricesTimeOrdered = false;
            }
            state.rows++;
            double[] v = state.values;
            v[0] = open;
            v[1] = high;
            v[2] = low;
            v[3] = close;
            v[4] = volume;
            Indicator[] indicators = state.indicators;
            for (int i = 0; i < indicators.length; i++) {
                indicators[i].update(millis, open, high, low, close, volume, v, stepOffsets[i]);
            }
            if (hasSignal) {
                double signal;
                if (uploaded) {
                    double given = join != null
                            ? join.signalFor(seen, state, millis, pricesTimeOrdered && seen.size() > 1)
                            : bars[at + RowBatch.UPLOADED_SIGNAL];
                    signal = given == given ? given : CompiledRules.withoutSignal(hold, state.signal);
                } else {
                    signal = rules.signal(v, state.previous, state.signal);
                }
                state.signal = signal;
                v[signalSlot] = signal;
                if (backtest) {
                    BacktestLedger ledger = state.ledger;
                    ledger.update(millis, close, signal);
                    v[backtestSlot] = ledger.position();
                    v[backtestSlot + 1] = ledger.barReturn();
                    v[backtestSlot + 2] = ledger.strategyReturn();
                    double equity = ledger.equity();
                    double drawdown = ledger.drawdown();
                    v[backtestSlot + 3] = equity;
                    v[backtestSlot + 4] = drawdown;
                    state.curve.add(millis, equity, drawdown);
                }
            }
            state.lastMillis = millis;
            lastBarMillis = millis;
            for (int c = 0, base = r * cells; c < cells; c++) {
                out[base + c] = v[outputSlots[c]];
            }
            state.values = state.previous;
            state.previous = v;
        }
        rows += batch.rows;
    }

    /** A new symbol's state; called by the reader, which may run on another thread. */
    SymbolState newState(byte[] key, String name, int hash, int id) {
        Indicator[] indicators = new Indicator[plan.steps.length];
        for (int i = 0; i < indicators.length; i++) {
            indicators[i] = plan.steps[i].create();
        }
        BacktestLedger ledger = null;
        if (plan.backtest) {
            Consumer<Trade> sink = plan.recipe.backtest().trades() ? this::keepTrade : null;
            ledger = new BacktestLedger(plan.recipe.backtest(), name, sink);
        }
        return new SymbolState(key, name, hash, id, indicators, ledger, plan.width);
    }

    private void keepTrade(Trade trade) {
        if (trades.size() < limits.maxTradesListed()) {
            trades.add(trade);
        } else {
            tradesOmitted++;
        }
    }

    /** Closes the ledgers' open trades and counts the signals no bar matched; call after the last batch. */
    void finish(List<SymbolState> states) {
        if (join != null) {
            join.finish();
        }
        for (SymbolState state : states) {
            if (state.ledger != null) {
                state.ledger.finish();
            }
        }
    }

    long rows() {
        return rows;
    }

    List<Trade> trades() {
        return trades;
    }

    long tradesOmitted() {
        return tradesOmitted;
    }
}
