package io.signalbox.processors.signal;

/**
 * How the signal of each bar is found: from rules over the bar's values, or from the uploaded signals (a signals file
 * or a signal column of the prices file).
 *
 * <p>At each bar: when {@code flat} holds, or {@code long} and {@code short} both hold, the signal is 0; else when
 * {@code long} holds it is 1; else when {@code short} holds it is -1; else it keeps the previous bar's signal
 * ({@code otherwise = hold}) or becomes 0 ({@code otherwise = flat}). An uploaded signal is used as given; a bar
 * without one follows {@code otherwise}. The first bar of a symbol starts from 0.
 *
 * @param source where signals come from
 * @param longWhen when to go long, or {@code null}
 * @param shortWhen when to go short, or {@code null}
 * @param flatWhen when to go flat, or {@code null}
 * @param holdOtherwise whether a bar without a decision keeps the previous signal (true) or becomes 0 (false)
 */
public record SignalRules(Source source, Condition longWhen, Condition shortWhen, Condition flatWhen,
        boolean holdOtherwise) {

    /** Where the signal of a bar comes from. */
    public enum Source {
        /** The uploaded signals when the job has any, else the rules. */
        AUTO,
        /** Always the rules. */
        RULES,
        /** Always the uploaded signals; a job without any fails. */
        UPLOADED
    }

    /**
     * @return whether any rule is given
     */
    public boolean hasRules() {
        return longWhen != null || shortWhen != null || flatWhen != null;
    }
}
