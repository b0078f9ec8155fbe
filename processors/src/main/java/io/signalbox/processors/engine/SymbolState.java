package io.signalbox.processors.engine;

import io.signalbox.processors.backtest.BacktestLedger;
import io.signalbox.processors.indicator.Indicator;
import java.util.Arrays;

/** Everything kept for one symbol during a run; bounded by the recipe's longest window. */
final class SymbolState {

    final byte[] key;
    final String name;
    final int hash;
    final Indicator[] indicators;
    final BacktestLedger ledger;
    double[] values;
    double[] previous;
    double signal;
    long rows;
    long firstMillis;
    long lastMillis = Long.MIN_VALUE;
    long lastLine;
    long lastSignalMillis = Long.MIN_VALUE;

    SymbolState(byte[] key, String name, int hash, Indicator[] indicators, BacktestLedger ledger, int width) {
        this.key = key;
        this.name = name;
        this.hash = hash;
        this.indicators = indicators;
        this.ledger = ledger;
        this.values = new double[width];
        this.previous = new double[width];
        Arrays.fill(previous, Double.NaN);
    }
}
