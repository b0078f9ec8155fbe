package io.signalbox.processors.decimal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Writes doubles as ASCII decimal text straight into a byte array, either in the shortest form that reads back as
 * the same double, or rounded to a number of significant digits.
 *
 * <p>The shortest form follows Giulietti's Schubfach algorithm ("The Schubfach way to render doubles", 2020): of
 * all decimals that round to the double, it picks one with the fewest digits, and of those the one closest to the
 * double's exact value. The layout is that of JavaScript's {@code Number.prototype.toString}: plain notation when
 * the decimal exponent lies in {@code [-7, 21)} ({@code 0.000001}, {@code 123.45}, {@code 100}), otherwise
 * scientific with a lower-case {@code e} and no plus sign ({@code 1.5e-7}, {@code 1e21}). Negative zero is
 * {@code -0}; NaN and the infinities are {@code NaN}, {@code Infinity} and {@code -Infinity}.
 *
 * <p>With a precision of {@code p} significant digits the exact binary value is rounded half-even to {@code p}
 * digits and trailing zeros are dropped, as {@code new BigDecimal(v).round(new MathContext(p, HALF_EVEN))} would.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DoubleFormatter {

    /** The most bytes one call of {@link #format} writes. */
    public static final int MAX_LENGTH = 26;

    private static final int PRECISION = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (PRECISION - 1);
    private static final int EXPONENT_MASK = 0x7ff;
    private static final long C_TINY = 3;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = 0x7fff_ffff_ffff_ffffL;
    private static final long[] POWER_TABLE = powerTable();
    private static final long[] POW10 = powersOfTen();
    private static final byte[] DIGIT_PAIRS = digitPairs();

    private static final DoubleFormatter SHORTEST = new DoubleFormatter(0);

    private final int precision;

    private DoubleFormatter(int precision) {
        this.precision = precision;
    }

    /**
     * @return a formatter that writes the shortest decimal that reads back as the same double
     */
    public static DoubleFormatter shortest() {
        return SHORTEST;
    }

    /**
     * @param significantDigits how many significant digits to keep, 1 to 17
     * @return a formatter that rounds to that many significant digits
     * @throws IllegalArgumentException when {@code significantDigits} is outside 1..17
     */
    public static DoubleFormatter withPrecision(int significantDigits) {
        if (significantDigits < 1 || significantDigits > 17) {
            throw new IllegalArgumentException("significant digits must be 1..17, not " + significantDigits);
        }
        return new DoubleFormatter(significantDigits);
    }

    /**
     * @return the significant digits kept, or 0 for the shortest round-trip form
     */
    public int precision() {
        return precision;
    }

    /**
     * Writes {@code value} at {@code buffer[position]}.
     *
     * @param value the number
     * @param buffer where the text goes; it must have {@link #MAX_LENGTH} bytes free from {@code position}
     * @param position index of the first byte to write
     * @return the index just after the last byte written
     */
    public int format(double value, byte[] buffer, int position) {
        long bits = Double.doubleToRawLongBits(value);
        long fraction = bits & (C_MIN - 1);
        int biasedExponent = (int) (bits >>> (PRECISION - 1)) & EXPONENT_MASK;
        if (biasedExponent == EXPONENT_MASK) {
            return writeAscii(fraction != 0 ? "NaN" : bits < 0 ? "-Infinity" : "Infinity", buffer, position);
        }
        int pos = position;
        if (bits < 0) {
            buffer[pos++] = '-';
        }
        if (biasedExponent != 0) {
            int minusQ = -Q_MIN + 1 - biasedExponent;
            long c = C_MIN | fraction;
            if (0 < minusQ && minusQ < PRECISION) {
                long integer = c >> minusQ;
                if (integer << minusQ == c) {
                    return layout(integer, 0, value, buffer, pos);
                }
            }
            return toDecimal(-minusQ, c, value, buffer, pos);
        }
        if (fraction >= C_TINY) {
            return toDecimal(Q_MIN, fraction, value, buffer, pos);
        }
        if (fraction != 0) {
            // The two smallest subnormals, where the interval arithmetic needs more room: 5e-324 and 1e-323 are
            // the shortest and closest decimals that read back as 1 and 2 times 2^-1074.
            return fraction == 1 ? layout(5, -324, value, buffer, pos) : layout(1, -323, value, buffer, pos);
        }
        buffer[pos++] = '0';
        return pos;
    }

    /**
     * Formats one value into a new string; for tests and diagnostics, not for hot paths.
     *
     * @param value the number
     * @return its text
     */
    public String toString(double value) {
        byte[] buffer = new byte[MAX_LENGTH];
        int end = format(value, buffer, 0);
        return new String(buffer, 0, end, StandardCharsets.US_ASCII);
    }

    /*
     * The decimal interval of numbers that round to v = c 2^q is scaled by 4 (cb, cbl, cbr); each bound is
     * multiplied by an approximation of 10^-k from POWER_TABLE, giving candidates s 10^k and (s+1) 10^k, and
     * first the one-digit-shorter candidates s' 10^(k+1), t' 10^(k+1) are tried.
     */
    private int toDecimal(int q, long c, double value, byte[] buffer, int pos) {
        int out = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN | q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        int index = (k - K_MIN) << 1;
        long g1 = POWER_TABLE[index];
        long g0 = POWER_TABLE[index + 1];

        long vb = roundOddProduct(g1, g0, cb << h);
        long vbl = roundOddProduct(g1, g0, cbl << h);
        long vbr = roundOddProduct(g1, g0, cbr << h);

        long s = vb >> 2;
        if (s >= 10) {
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return layout(upin ? sp10 : tp10, k, value, buffer, pos);
            }
        }
        long t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            return layout(uin ? s : t, k, value, buffer, pos);
        }
        long cmp = vb - (s + t << 1);
        return layout(cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : t, k, value, buffer, pos);
    }

    private static long roundOddProduct(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | (z & MASK_63) + MASK_63 >>> 63;
    }

    private static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    private static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    private static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** Writes {@code f 10^e} (f > 0) in the layout described on the class, after rounding to the precision. */
    private int layout(long f, int e, double value, byte[] buffer, int pos) {
        long digits = f;
        int exponent = e;
        if (precision >= 16) {
            BigDecimal rounded = new BigDecimal(value).abs().round(new MathContext(precision, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().longValueExact();
            exponent = -rounded.scale();
        } else if (precision != 0) {
            int length = digitCount(digits);
            if (length > precision) {
                int drop = length - precision;
                long unit = POW10[drop];
                long kept = digits / unit;
                long rest = digits - kept * unit;
                long half = unit >> 1;
                if (rest > half || rest == half && roundsUpAtTie(value, kept, unit, exponent)) {
                    kept++;
                }
                digits = kept;
                exponent += drop;
            }
        }
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        int length = digitCount(digits);
        int point = length + exponent;
        if (length <= point && point <= 21) {
            writeDigits(digits, buffer, pos + length);
            int end = pos + point;
            for (int i = pos + length; i < end; i++) {
                buffer[i] = '0';
            }
            return end;
        }
        if (0 < point && point <= 21) {
            int end = pos + length + 1;
            writeDigits(digits, buffer, end);
            for (int i = pos; i < pos + point; i++) {
                buffer[i] = buffer[i + 1];
            }
            buffer[pos + point] = '.';
            return end;
        }
        if (-6 < point && point <= 0) {
            buffer[pos] = '0';
            buffer[pos + 1] = '.';
            int zerosEnd = pos + 2 - point;
            for (int i = pos + 2; i < zerosEnd; i++) {
                buffer[i] = '0';
            }
            int end = zerosEnd + length;
            writeDigits(digits, buffer, end);
            return end;
        }
        int end = pos + length + 1;
        writeDigits(digits, buffer, end);
        buffer[pos] = buffer[pos + 1];
        if (length == 1) {
            end = pos + 1;
        } else {
            buffer[pos + 1] = '.';
        }
        buffer[end++] = 'e';
        int scientific = point - 1;
        if (scientific < 0) {
            buffer[end++] = '-';
            scientific = -scientific;
        }
        int scientificLength = scientific >= 100 ? 3 : scientific >= 10 ? 2 : 1;
        writeInt(scientific, buffer, end + scientificLength);
        return end + scientificLength;
    }

    /*
     * The shortest digits end exactly in a 5 at the rounding position. For precision <= 15 the shortest decimal and
     * the exact binary value lie on the same side of every other rounding boundary (the rounding interval of a
     * double is far narrower than half a unit of the 15th digit), so only this tie needs the exact value.
     */
    private static boolean roundsUpAtTie(double value, long kept, long unit, int exponent) {
        BigDecimal tie = BigDecimal.valueOf(kept * unit + (unit >> 1), -exponent);
        int cmp = new BigDecimal(value).abs().compareTo(tie);
        return cmp > 0 || cmp == 0 && (kept & 1) == 1;
    }

    private static int digitCount(long value) {
        int guess = (64 - Long.numberOfLeadingZeros(value)) * 1233 >>> 12;
        return value >= POW10[guess] ? guess + 1 : guess;
    }

    /** Writes all digits of {@code value} (> 0, below 10^18) so that the last one is at {@code end - 1}. */
    private static void writeDigits(long value, byte[] buffer, int end) {
        if (value < 100_000_000L) {
            writeInt((int) value, buffer, end);
            return;
        }
        long high = value / 100_000_000L;
        write8((int) (value - high * 100_000_000L), buffer, end);
        if (high < 100_000_000L) {
            writeInt((int) high, buffer, end - 8);
        } else {
            long top = high / 100_000_000L;
            write8((int) (high - top * 100_000_000L), buffer, end - 8);
            writeInt((int) top, buffer, end - 16);
        }
    }

    /** Writes exactly eight digits of {@code value}, zero-padded, ending at {@code end - 1}. */
    private static void write8(int value, byte[] buffer, int end) {
        int high = value / 10_000;
        int low = value - high * 10_000;
        int a = high / 100;
        int b = high - a * 100;
        int c = low / 100;
        int d = low - c * 100;
        buffer[end - 8] = DIGIT_PAIRS[a << 1];
        buffer[end - 7] = DIGIT_PAIRS[(a << 1) + 1];
        buffer[end - 6] = DIGIT_PAIRS[b << 1];
        buffer[end - 5] = DIGIT_PAIRS[(b << 1) + 1];
        buffer[end - 4] = DIGIT_PAIRS[c << 1];
        buffer[end - 3] = DIGIT_PAIRS[(c << 1) + 1];
        buffer[end - 2] = DIGIT_PAIRS[d << 1];
        buffer[end - 1] = DIGIT_PAIRS[(d << 1) + 1];
    }

    /** Writes all digits of {@code value} (>= 0) so that the last one is at {@code end - 1}. */
    private static void writeInt(int value, byte[] buffer, int end) {
        int v = value;
        int i = end;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            buffer[--i] = DIGIT_PAIRS[r + 1];
            buffer[--i] = DIGIT_PAIRS[r];
            v = q;
        }
        if (v >= 10) {
            int r = v << 1;
            buffer[--i] = DIGIT_PAIRS[r + 1];
            buffer[--i] = DIGIT_PAIRS[r];
        } else {
            buffer[--i] = (byte) ('0' + v);
        }
    }

    private static int writeAscii(String text, byte[] buffer, int pos) {
        for (int i = 0; i < text.length(); i++) {
            buffer[pos + i] = (byte) text.charAt(i);
        }
        return pos + text.length();
    }

    /*
     * For each k, 10^-k = beta 2^r with 2^125 <= beta < 2^126; g = floor(beta) + 1 is stored as its high 63 bits
     * and its low 63 bits.
     */
    private static long[] powerTable() {
        long[] table = new long[(K_MAX - K_MIN + 1) * 2];
        BigInteger mask = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int shift = 125 - floorLog2Pow10(-k);
            BigInteger beta;
            if (k <= 0) {
                BigInteger power = BigInteger.TEN.pow(-k);
                beta = shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
            } else {
                beta = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
            }
            BigInteger g = beta.add(BigInteger.ONE);
            int index = (k - K_MIN) << 1;
            table[index] = g.shiftRight(63).longValueExact();
            table[index + 1] = g.and(mask).longValue();
        }
        return table;
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        long p = 1;
        for (int i = 0; i < powers.length; i++) {
            powers[i] = p;
            p *= 10;
        }
        return powers;
    }

    private static byte[] digitPairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }
}
