package io.signalbox.processors.indicator;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an indicator type is, needs and accepts: enough for a recipe validator, a JSON Schema or the documentation.
 *
 * @param type the type name, as given to {@link Indicators#create}
 * @param description one sentence for the documentation
 * @param inputs the bar fields the type reads, a subset of {@code open, high, low, close, volume} in that order
 * @param parameters the parameters it accepts, in the order they appear in its column names
 */
public record IndicatorSpec(String type, String description, Set<String> inputs, List<ParameterSpec> parameters) {

    /**
     * Keeps immutable copies of the inputs, in their order, and of the parameters.
     *
     * @param type the type name
     * @param description one sentence for the documentation
     * @param inputs the bar fields the type reads
     * @param parameters the parameters it accepts
     * @throws NullPointerException when any component is missing
     */
    public IndicatorSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        inputs = Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
        parameters = List.copyOf(parameters);
    }

    /**
     * @param name a parameter's name
     * @return whether the type accepts it
     */
    public boolean accepts(String name) {
        for (ParameterSpec parameter : parameters) {
            if (parameter.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
