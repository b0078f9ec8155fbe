package io.signalbox.processors.decimal;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a plain decimal number from ASCII bytes: an optional sign, digits with an optional decimal separator, and an
 * optional exponent ({@code -12.5}, {@code .5}, {@code 3.}, {@code 1e-3}, {@code +7E2}). Nothing else is a number
 * here: no spaces, no thousands separators, no {@code NaN}, {@code Infinity}, hexadecimal or type suffixes.
 *
 * <p>Numbers with at most 19 significant digits and a small exponent are converted exactly with one multiplication
 * or division by an exact power of ten; the rest go to {@link JavaDoubleParser}. Both give the correctly rounded
 * double. Numbers of at most eight characters after the sign, as prices and volumes mostly are, are read eight bytes
 * at a time (SWAR) when the array has eight bytes from their start. Instances are immutable and thread-safe.
 */
public final class DecimalParser {

    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long ZEROS = 0x3030_3030_3030_3030L;

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
        if (from < to) {
            boolean negative = bytes[from] == '-';
            int start = negative ? from + 1 : from;
            int length = to - start;
            if (length > 0 && length <= 8 && start + 8 <= bytes.length) {
                double value = parseShort(bytes, start, length);
                if (value == value) {
                    return negative ? -value : value;
                }
            }
        }
        return parseAny(bytes, from, to);
    }

    /**
     * Reads 1 to 8 characters of digits and at most one separator from one 8-byte load; NaN when they are anything
     * else (left to {@link #parseAny}). The digits are at most 8, so the value is exact before its one division.
     */
    private double parseShort(byte[] bytes, int start, int length) {
        long keep = length == 8 ? -1L : (1L << (length << 3)) - 1;
        long word = (long) LONG_LE.get(bytes, start) & keep;
        long separators = zeroBytes(word ^ separator * ONES);
        if (alternative != separator) {
            separators |= zeroBytes(word ^ alternative * ONES);
        }
        separators &= keep;
        int digits = length;
        int fractionDigits = 0;
        if (separators != 0) {
            int point = Long.numberOfTrailingZeros(separators) >>> 3;
            long before = word & (1L << (point << 3)) - 1;
            long after = point == 7 ? 0 : word >>> (point + 1 << 3);
            word = before | after << (point << 3);
            digits = length - 1;
            fractionDigits = digits - point;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        // right-align the digits in the word, leading zeros before them
        int pad = 8 - digits;
        word = word << (pad << 3) | ZEROS & (1L << (pad << 3)) - 1;
        if (((word & 0xf0f0_f0f0_f0f0_f0f0L) | (word + 0x0606_0606_0606_0606L & 0xf0f0_f0f0_f0f0_f0f0L) >>> 4)
                != 0x3333_3333_3333_3333L) {
            return Double.NaN;
        }
        long v = word - ZEROS;
        v = v * 10 + (v >>> 8);
        v = (v & 0x0000_00ff_0000_00ffL) * 0x000f_4240_0000_0064L
                + (v >>> 16 & 0x0000_00ff_0000_00ffL) * 0x0000_2710_0000_0001L >>> 32;
        return fractionDigits == 0 ? v : v / EXACT_POWERS[fractionDigits];
    }

    /** Marks the zero bytes of {@code x} by their high bit; exact up to the lowest zero byte, which is all we use. */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }

    private double parseAny(byte[] bytes, int from, int to) {
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
