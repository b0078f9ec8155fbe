package io.signalbox.processors.indicator;

import java.util.List;
import java.util.Objects;

/**
 * One parameter an indicator type accepts, as a recipe, a JSON Schema or the documentation would describe it.
 *
 * @param name the parameter's key in the recipe, lower snake case
 * @param kind what JSON value it takes
 * @param defaultValue the value used when the recipe leaves the parameter out ({@link Integer}, {@link Double} or
 *     {@link String}), or {@code null} when leaving it out means something of its own (see the description)
 * @param minimum the smallest accepted value of a number, or {@code null}
 * @param exclusiveMinimum whether {@code minimum} itself is refused
 * @param maximum the largest accepted value of a number, or {@code null}
 * @param choices the accepted values of a string with a fixed set of them; empty otherwise
 * @param description one sentence for the documentation
 */
public record ParameterSpec(String name, Kind kind, Object defaultValue, Number minimum, boolean exclusiveMinimum,
        Number maximum, List<String> choices, String description) {

    /** The JSON value a parameter takes. */
    public enum Kind {
        /** A whole number; {@code 20.0} is accepted as {@code 20}. */
        INTEGER,
        /** Any finite number. */
        NUMBER,
        /** A string. */
        STRING
    }

    /**
     * Keeps an immutable copy of the choices.
     *
     * @param name the parameter's key in the recipe
     * @param kind what JSON value it takes
     * @param defaultValue the value used when the parameter is left out, or {@code null}
     * @param minimum the smallest accepted value of a number, or {@code null}
     * @param exclusiveMinimum whether {@code minimum} itself is refused
     * @param maximum the largest accepted value of a number, or {@code null}
     * @param choices the accepted values of a string with a fixed set of them; empty otherwise
     * @param description one sentence for the documentation
     * @throws NullPointerException when the name, kind, choices or description is missing
     */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
        Objects.requireNonNull(description, "description");
    }

    static ParameterSpec integer(String name, int defaultValue, int minimum, int maximum, String description) {
        return new ParameterSpec(name, Kind.INTEGER, defaultValue, minimum, false, maximum, List.of(), description);
    }

    static ParameterSpec optionalInteger(String name, int minimum, int maximum, String description) {
        return new ParameterSpec(name, Kind.INTEGER, null, minimum, false, maximum, List.of(), description);
    }

    static ParameterSpec positiveNumber(String name, double defaultValue, String description) {
        return new ParameterSpec(name, Kind.NUMBER, defaultValue, 0.0, true, null, List.of(), description);
    }

    static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, Kind.STRING, defaultValue, null, false, null, choices, description);
    }

    static ParameterSpec string(String name, String defaultValue, String description) {
        return new ParameterSpec(name, Kind.STRING, defaultValue, null, false, null, List.of(), description);
    }
}
