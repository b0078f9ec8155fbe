package io.signalbox.processors.indicator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the parameters of one indicator from parsed JSON values, checking each against its {@link ParameterSpec}
 * and refusing names the type does not know.
 */
final class ParameterReader {

    private final IndicatorSpec spec;
    private final Map<String, ?> values;

    ParameterReader(IndicatorSpec spec, Map<String, ?> values) {
        this.spec = spec;
        this.values = values;
        for (String name : values.keySet()) {
            if (!spec.accepts(name)) {
                throw new IndicatorParameterException(name, spec.type() + " has no parameter \"" + name
                        + "\"; expected " + expectedNames());
            }
        }
    }

    boolean present(String name) {
        return values.containsKey(name);
    }

    int integer(String name) {
        ParameterSpec parameter = parameter(name, ParameterSpec.Kind.INTEGER);
        if (!values.containsKey(name)) {
            return (Integer) parameter.defaultValue();
        }
        Object value = values.get(name);
        int min = parameter.minimum().intValue();
        int max = parameter.maximum().intValue();
        Long whole = wholeNumber(value);
        if (whole == null || whole < min || whole > max) {
            throw problem(name, "an integer from " + min + " to " + max, value);
        }
        return whole.intValue();
    }

    double number(String name) {
        ParameterSpec parameter = parameter(name, ParameterSpec.Kind.NUMBER);
        if (!values.containsKey(name)) {
            return (Double) parameter.defaultValue();
        }
        Object value = values.get(name);
        double min = parameter.minimum().doubleValue();
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())
                || number.doubleValue() <= min) {
            throw problem(name, "a number greater than " + BigDecimal.valueOf(min).stripTrailingZeros().toPlainString(),
                    value);
        }
        return number.doubleValue();
    }

    String string(String name) {
        ParameterSpec parameter = parameter(name, ParameterSpec.Kind.STRING);
        if (!values.containsKey(name)) {
            return (String) parameter.defaultValue();
        }
        Object value = values.get(name);
        List<String> choices = parameter.choices();
        if (!(value instanceof String text) || !choices.isEmpty() && !choices.contains(text)) {
            String expected = choices.isEmpty() ? "a string"
                    : "one of " + choices.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            throw problem(name, expected, value);
        }
        return text;
    }

    /** A problem with a parameter's value, or with its combination with others, in the usual wording. */
    IndicatorParameterException problem(String name, String expected, Object found) {
        return new IndicatorParameterException(name,
                spec.type() + " " + name + ": expected " + expected + ", found " + describe(found));
    }

    private ParameterSpec parameter(String name, ParameterSpec.Kind kind) {
        for (ParameterSpec parameter : spec.parameters()) {
            if (parameter.name().equals(name) && parameter.kind() == kind) {
                return parameter;
            }
        }
        throw new IllegalStateException(spec.type() + " declares no " + kind + " parameter " + name);
    }

    private String expectedNames() {
        List<ParameterSpec> parameters = spec.parameters();
        if (parameters.isEmpty()) {
            return "no parameters";
        }
        return "one of " + parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
    }

    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? big.longValue() : null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p62 ? (long) d : null;
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException notWhole) {
                return null;
            }
        }
        return null;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof Iterable) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
