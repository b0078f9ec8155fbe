package io.signalbox.processors.engine;

import io.signalbox.processors.backtest.Trade;
import io.signalbox.processors.time.TimestampFormat;
import java.util.List;

/**
 * What a finished run counted and kept, beyond its plan: what the summary reports.
 *
 * @param report the run's counts
 * @param timestampFormat the timestamps' format, or {@code null} when no row was read
 * @param states the symbols in order of first appearance
 * @param trades the trades listed (when the recipe asks for them)
 * @param tradesOmitted trades past the listing limit
 * @param skippedRows the bad rows skipped, as far as listed
 * @param join the signals file's join, or {@code null} without one
 * @param signalsName the signals file's name, or {@code null}
 */
record RunTally(EngineReport report, TimestampFormat timestampFormat, List<SymbolState> states, List<Trade> trades,
        long tradesOmitted, List<SkippedRow> skippedRows, SignalsJoin join, String signalsName) {
}
