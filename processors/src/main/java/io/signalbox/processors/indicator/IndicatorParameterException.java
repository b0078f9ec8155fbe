package io.signalbox.processors.indicator;

/** An indicator type or parameter that cannot be used. */
public final class IndicatorParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter's name, or {@code type} for the indicator type itself
     * @param reason what was found and what was expected
     */
    public IndicatorParameterException(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    /**
     * @return the offending parameter's name
     */
    public String parameter() {
        return parameter;
    }
}
