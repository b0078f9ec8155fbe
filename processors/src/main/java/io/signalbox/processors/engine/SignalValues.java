package io.signalbox.processors.engine;

import io.signalbox.processors.decimal.DecimalParser;

/** Reads an uploaded signal: a number from -1 to 1, or one of the words long, short, flat (any case). */
final class SignalValues {

    /** Returned for a cell that is not a signal. */
    static final double INVALID = Double.POSITIVE_INFINITY;

    static final String EXPECTED = "a number from -1 to 1 or one of long, short, flat";

    private SignalValues() {
    }

    /** @return the signal, NaN for an empty cell, {@link #INVALID} for anything else */
    static double parse(DecimalParser numbers, byte[] b, int from, int to) {
        if (from == to) {
            return Double.NaN;
        }
        double value = numbers.parse(b, from, to);
        if (value == value) {
            return value >= -1.0 && value <= 1.0 ? value : INVALID;
        }
        if (word(b, from, to, "long")) {
            return 1.0;
        }
        if (word(b, from, to, "short")) {
            return -1.0;
        }
        if (word(b, from, to, "flat")) {
            return 0.0;
        }
        return INVALID;
    }

    private static boolean word(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((b[from + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
