package io.signalbox.processors.recipe;

import io.signalbox.processors.signal.SignalRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated recipe: what to compute over a prices file. Made by {@link Recipes}; immutable.
 *
 * @param name the preset's name, the document's {@code name}, or {@code custom}
 * @param columns input columns named by the recipe, by field ({@code timestamp}, {@code symbol}, {@code open},
 *     {@code high}, {@code low}, {@code close}, {@code volume}, {@code signal}); fields not named are found by
 *     their usual names
 * @param timestampFormat the name of the timestamp format, or {@code null} to detect it from the first row
 * @param indicators the indicators, in output order
 * @param signal how signals are found, or {@code null} for none
 * @param backtest the backtest, or {@code null} for none
 * @param output what the result CSV holds
 * @param maxBadRows how many rows that cannot be read may be skipped before the job fails
 */
public record Recipe(String name, Map<String, String> columns, String timestampFormat, List<IndicatorStep> indicators,
        SignalRules signal, BacktestSettings backtest, OutputSettings output, long maxBadRows) {

    /** The columns a backtest adds after the signal, in order. */
    public static final List<String> BACKTEST_COLUMNS = List.of("position", "ret", "strategy_ret", "equity",
            "drawdown");

    /** The name of the signal column. */
    public static final String SIGNAL_COLUMN = "signal";

    /**
     * @throws NullPointerException when a required part is missing
     */
    public Recipe {
        columns = Map.copyOf(columns);
        indicators = List.copyOf(indicators);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(output, "output");
    }

    /**
     * @param other how the result is written instead
     * @return this recipe with other output settings
     */
    public Recipe withOutput(OutputSettings other) {
        return new Recipe(name, columns, timestampFormat, indicators, signal, backtest, other, maxBadRows);
    }

    /**
     * @return every computed column in output order before any {@code output.columns} selection: indicator columns,
     *     then {@code signal}, then the backtest columns
     */
    public List<String> computedColumns() {
        List<String> all = new ArrayList<>();
        for (IndicatorStep step : indicators) {
            all.addAll(step.columns());
        }
        if (signal != null) {
            all.add(SIGNAL_COLUMN);
        }
        if (backtest != null) {
            all.addAll(BACKTEST_COLUMNS);
        }
        return all;
    }

    /**
     * @return the computed columns the result CSV holds, in output order
     */
    public List<String> outputColumns() {
        List<String> all = computedColumns();
        if (output.columns() == null) {
            return all;
        }
        return all.stream().filter(output.columns()::contains).toList();
    }
}
