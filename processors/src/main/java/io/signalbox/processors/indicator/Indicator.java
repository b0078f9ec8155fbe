package io.signalbox.processors.indicator;

import java.util.List;

/**
 * One technical indicator over one series (one symbol), fed bar by bar in time order.
 *
 * <p>An instance holds the state of one series and is not thread-safe; create one per symbol with
 * {@link Indicators#create}. State is bounded by the indicator's window, never by the length of the series.
 */
public interface Indicator {

    /**
     * @return the output column names in output order, lower snake case, such as {@code [sma_20]} or
     *     {@code [macd_12_26_9, macd_signal_12_26_9, macd_hist_12_26_9]}
     */
    List<String> columns();

    /**
     * @return how many leading bars produce no value (TA-Lib's lookback)
     */
    int lookback();

    /**
     * Feeds the next bar and writes one value per column into {@code out[offset .. offset + columns().size())}:
     * {@link Double#NaN} where the value is not yet defined.
     *
     * @param epochMillis the bar's time, milliseconds since the epoch, UTC
     * @param open open price
     * @param high high price
     * @param low low price
     * @param close close price
     * @param volume volume, {@link Double#NaN} when the file has none
     * @param out where the values go
     * @param offset index of the first column's value in {@code out}
     * @throws ArrayIndexOutOfBoundsException when {@code out} has fewer than {@code offset + columns().size()}
     *     elements
     */
    void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset);
}
