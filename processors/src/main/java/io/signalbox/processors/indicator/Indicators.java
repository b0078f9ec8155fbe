package io.signalbox.processors.indicator;

import java.util.Map;
import java.util.Set;

/**
 * Creates indicators by type name and parameters.
 *
 * <p>Placeholder until the indicators land.
 */
public final class Indicators {

    private Indicators() {
    }

    /**
     * @return the type names that {@link #create} accepts, such as {@code sma} or {@code macd}
     */
    public static Set<String> types() {
        return Set.of();
    }

    /**
     * Creates a fresh indicator for one series.
     *
     * @param type a type name from {@link #types()}
     * @param params the parameters by name; absent ones take their defaults
     * @return a new indicator with empty state
     * @throws IndicatorParameterException when the type is unknown or a parameter is missing, of the wrong type or
     *     impossible; it names the parameter
     */
    public static Indicator create(String type, Map<String, ?> params) {
        throw new IndicatorParameterException("type", "unknown indicator type \"" + type + "\"");
    }
}
