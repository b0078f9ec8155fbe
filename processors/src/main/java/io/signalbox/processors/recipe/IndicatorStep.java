package io.signalbox.processors.recipe;

import io.signalbox.processors.indicator.Indicator;
import io.signalbox.processors.indicator.Indicators;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One indicator of a recipe, validated.
 *
 * @param type the indicator type, such as {@code macd}
 * @param params the parameters as given in the recipe (defaults not filled in)
 * @param path the JSON path of the indicator in the recipe, such as {@code $.indicators[2]}
 * @param columns the columns it writes, such as {@code [sma_20]}
 * @param lookback how many leading bars of each symbol get no value
 * @param inputs the bar fields it reads
 */
public record IndicatorStep(String type, Map<String, Object> params, String path, List<String> columns,
        int lookback, Set<String> inputs) {

    /**
     * @throws NullPointerException when a component is missing
     */
    public IndicatorStep {
        params = Map.copyOf(params);
        columns = List.copyOf(columns);
        inputs = Set.copyOf(inputs);
    }

    /**
     * @return a fresh indicator for one symbol
     */
    public Indicator create() {
        return Indicators.create(type, params);
    }
}
