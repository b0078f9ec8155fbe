package io.signalbox.processors.backtest;

/**
 * One trade: a run of consecutive bars of one symbol whose positions have the same non-zero sign.
 *
 * @param symbol the symbol, or the empty string for a file without a symbol column
 * @param side {@code long} or {@code short}
 * @param entryMillis time of the bar whose signal opened the trade (the trade is entered at its close)
 * @param exitMillis time of the last bar held
 * @param bars bars held
 * @param tradeReturn the compounded strategy return over the bars held, costs included
 * @param open whether the file ended while the trade was still held
 */
public record Trade(String symbol, String side, long entryMillis, long exitMillis, long bars, double tradeReturn,
        boolean open) {
}
