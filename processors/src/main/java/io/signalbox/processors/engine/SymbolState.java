package io.signalbox.processors.engine;

import io.signalbox.processors.backtest.BacktestLedger;
import io.signalbox.processors.indicator.Indicator;
import java.util.Arrays;

/**
 * Everything the pipeline keeps for one symbol during a run; bounded by the recipe's longest window. What the reader
 * keeps per symbol is in the reader's own arrays, indexed by {@link #id}: the two may run on different threads, and
 * fields of both in one object would share cache lines that every row would then move between the cores.
 */
final class SymbolState {

    final byte[] key;
    final String name;
    final int hash;
    /** The symbol's number in order of first appearance, from 0. */
    final int id;

    final Indicator[] indicators;
    final BacktestLedger ledger;
    final EquityCurve curve;
    double[] values;
    double[] previous;
    double signal;
    long rows;
    long firstMillis;
    long lastMillis = Long.MIN_VALUE;

    SymbolState(byte[] key, String name, int hash, int id, Indicator[] indicators, BacktestLedger ledger,
            int width) {
        this.key = key;
        this.name = name;
        this.hash = hash;
        this.id = id;
        this.indicators = indicators;
        this.ledger = ledger;
        this.curve = ledger == null ? null : new EquityCurve(EquityCurve.MAX_POINTS);
        this.values = new double[width];
        this.previous = new double[width];
        Arrays.fill(previous, Double.NaN);
    }
}
