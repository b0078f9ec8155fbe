package io.signalbox.processors.engine;

import io.signalbox.processors.backtest.BacktestLedger;
import io.signalbox.processors.indicator.Indicator;
import java.util.Arrays;

/**
 * Everything kept for one symbol during a run; bounded by the recipe's longest window. The reader's fields and the
 * pipeline's fields are apart because the two may run on different threads, the reader ahead.
 */
final class SymbolState {

    final byte[] key;
    final String name;
    final int hash;

    // the reader's
    long readMillis = Long.MIN_VALUE;
    long readLine;
    /** The symbol that followed this one last time: in interleaved files, the next row's symbol. */
    SymbolState successor;

    // the pipeline's
    final Indicator[] indicators;
    final BacktestLedger ledger;
    final EquityCurve curve;
    double[] values;
    double[] previous;
    double signal;
    long rows;
    long firstMillis;
    long lastMillis = Long.MIN_VALUE;

    SymbolState(byte[] key, String name, int hash, Indicator[] indicators, BacktestLedger ledger, int width) {
        this.key = key;
        this.name = name;
        this.hash = hash;
        this.indicators = indicators;
        this.ledger = ledger;
        this.curve = ledger == null ? null : new EquityCurve(EquityCurve.MAX_POINTS);
        this.values = new double[width];
        this.previous = new double[width];
        Arrays.fill(previous, Double.NaN);
    }
}
