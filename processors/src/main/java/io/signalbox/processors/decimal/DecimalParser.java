package io.signalbox.processors.decimal;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.util.Arrays;

/**
 * Reads a plain decimal number from ASCII bytes: an optional sign, digits with an optional decimal separator, and an
 * optional exponent ({@code -12.5}, {@code .5}, {@code 3.}, {@code 1e-3}, {@code +7E2}). Nothing else is a number
 * here: no spaces, no thousands separators, no {@code NaN}, {@code Infinity}, hexadecimal or type suffixes.
 *
 * <p>Numbers with at most 19 significant digits and a small exponent are converted exactly with one multiplication
 * or division by an exact power of ten; the rest go to {@link JavaDoubleParser}. Both give the correctly rounded
 * double. Instances are immutable and thread-safe.
 */
public final class DecimalParser {

    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;

    private final byte separator;
    private final byte alternative;

    private DecimalParser(byte separator, byte alternative) {
        this.separator = separator;
        this.alternative = alternative;
    }

    /**
     * @return a parser for numbers with a decimal point
     */
    public static DecimalParser point() {
        return new DecimalParser((byte) '.', (byte) '.');
    }

    /**
     * @return a parser for numbers with a decimal point or a decimal comma ({@code 12.5} or {@code 12,5}), for
     *     files whose delimiter is not a comma
     */
    public static DecimalParser pointOrComma() {
        return new DecimalParser((byte) '.', (byte) ',');
    }

    /**
     * Parses {@code bytes[from, to)}.
     *
     * @param bytes the text
     * @param from index of the first byte
     * @param to index after the last byte
     * @return the number, or {@link Double#NaN} when the text is not a finite decimal number
     */
    public double parse(byte[] bytes, int from, int to) {
        int i = from;
        if (i >= to) {
            return Double.NaN;
        }
        boolean negative = false;
        byte b = bytes[i];
        if (b == '-') {
            negative = true;
            i++;
        } else if (b == '+') {
            i++;
        }
        long significand = 0;
        int significantDigits = 0;
        int exponent = 0;
        boolean anyDigit = false;
        boolean truncated = false;
        while (i < to) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            anyDigit = true;
            if (significantDigits < 19) {
                significand = significand * 10 + d;
                if (significand != 0) {
                    significantDigits++;
                }
            } else {
                exponent++;
                truncated |= d != 0;
            }
            i++;
        }
        if (i < to && (bytes[i] == separator || bytes[i] == alternative)) {
            i++;
            while (i < to) {
                int d = bytes[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                anyDigit = true;
                if (significantDigits < 19) {
                    significand = significand * 10 + d;
                    if (significand != 0) {
                        significantDigits++;
                    }
                    exponent--;
                } else {
                    truncated |= d != 0;
                }
                i++;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int exponentStart = i;
            int explicit = 0;
            while (i < to) {
                int d = bytes[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (explicit < 100_000) {
                    explicit = explicit * 10 + d;
                }
                i++;
            }
            if (i == exponentStart) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -explicit : explicit;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (!truncated && significand < MAX_EXACT_SIGNIFICAND && exponent >= -22 && exponent <= 22) {
            double magnitude = exponent < 0 ? significand / EXACT_POWERS[-exponent]
                    : significand * EXACT_POWERS[exponent];
            return negative ? -magnitude : magnitude;
        }
        return slowPath(bytes, from, to);
    }

    private double slowPath(byte[] bytes, int from, int to) {
        double value;
        if (alternative == separator) {
            value = JavaDoubleParser.parseDouble(bytes, from, to - from);
        } else {
            byte[] copy = Arrays.copyOfRange(bytes, from, to);
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] == alternative) {
                    copy[i] = '.';
                }
            }
            value = JavaDoubleParser.parseDouble(copy, 0, copy.length);
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }
}
