package io.signalbox.processors.decimal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes doubles as ASCII decimal text straight into a byte array, either in the shortest form that reads back as
 * the same double, or rounded to a number of significant digits.
 *
 * <p>The shortest form is, of all decimals that round to the double, one with the fewest digits, and of those the one
 * closest to the double's exact value (ties to an even last digit). It is found with Jeon's Dragonbox ("Dragonbox: A
 * New Floating-Point Binary-to-Decimal Conversion Algorithm", 2020) for every normal double that is not a power of
 * two, and with Giulietti's Schubfach ("The Schubfach way to render doubles", 2020) for powers of two and subnormals,
 * whose intervals are uneven or tiny: both give that same decimal. The layout is that of JavaScript's
 * {@code Number.prototype.toString}: plain notation when the decimal exponent lies in {@code [-7, 21)}
 * ({@code 0.000001}, {@code 123.45}, {@code 100}), otherwise scientific with a lower-case {@code e} and no plus sign
 * ({@code 1.5e-7}, {@code 1e21}). Negative zero is {@code -0}; NaN and the infinities are {@code NaN},
 * {@code Infinity} and {@code -Infinity}.
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
    private static final int KAPPA = 2;
    private static final int BIG_DIVISOR = 1000;
    private static final int SMALL_DIVISOR = 100;
    private static final int CACHE_K_MIN = -292;
    private static final int CACHE_K_MAX = 326;
    private static final long[] CACHE = dragonboxCache();
    private static final int PARITY = 1;
    private static final int INTEGER = 2;
    private static final long[] POW10 = powersOfTen();
    private static final byte[] DIGIT_PAIRS = digitPairs();
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    /** "0.000000" in the byte order of {@link #LONG_LE}. */
    private static final long ZERO_POINT_ZEROS = 0x3030_3030_3030_2e30L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

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
        // One call of layout for every finite non-zero value: the JIT compiles the writing once, in one place.
        long digits;
        int exponent;
        if (biasedExponent != 0) {
            int q = Q_MIN - 1 + biasedExponent;
            long c = C_MIN | fraction;
            long integer = -q > 0 && -q < PRECISION ? c >> -q : 0;
            if (integer != 0 && integer << -q == c) {
                digits = integer;
                exponent = 0;
            } else if (fraction != 0) {
                long found = nearest(q, c);
                digits = found >>> 1;
                exponent = floorLog10Pow2(q) + 1 - (int) (found & 1);
            } else {
                exponent = decimalExponent(q, c);
                digits = toDecimal(q, c, exponent);
            }
        } else if (fraction >= C_TINY) {
            exponent = decimalExponent(Q_MIN, fraction);
            digits = toDecimal(Q_MIN, fraction, exponent);
        } else if (fraction != 0) {
            // The two smallest subnormals, where the interval arithmetic needs more room: 5e-324 and 1e-323 are
            // the shortest and closest decimals that read back as 1 and 2 times 2^-1074.
            digits = fraction == 1 ? 5 : 1;
            exponent = fraction == 1 ? -324 : -323;
        } else {
            buffer[pos++] = '0';
            return pos;
        }
        return layout(digits, exponent, value, buffer, pos);
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
    /** The k of {@link #toDecimal}: the decimal exponent of the digits it finds for {@code c 2^q}. */
    private static int decimalExponent(int q, long c) {
        return c != C_MIN | q == Q_MIN ? floorLog10Pow2(q) : floorLog10ThreeQuartersPow2(q);
    }

    /** The digits of the shortest decimal {@code digits 10^k} that rounds to {@code c 2^q}, k from decimalExponent. */
    private static long toDecimal(int q, long c, int k) {
        int out = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl = c != C_MIN | q == Q_MIN ? cb - 2 : cb - 1;
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
                return upin ? sp10 : tp10;
            }
        }
        long t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            return uin ? s : t;
        }
        long cmp = vb - (s + t << 1);
        return cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : t;
    }

    /*
     * Jeon's Dragonbox ("Dragonbox: A New Floating-Point Binary-to-Decimal Conversion Algorithm", 2020), its
     * nearest-rounding search for the normal interval: one product c 10^-k of 128 bits gives the candidate of
     * kappa + 1 = 3 digits fewer and the interval's half-width deltai; the interval's ends are computed only in the
     * rare cases that need them. The same answer as Schubfach's, with a third of its multiplications.
     */
    /**
     * The shortest decimal that rounds to {@code c 2^q} (c with its hidden bit, not a power of two), the closest of
     * those, ties to even: its digits shifted left by one, the low bit set when its exponent is
     * {@code floorLog10Pow2(q)} and clear when it is one more.
     */
    private static long nearest(int q, long c) {
        int minusK = floorLog10Pow2(q) - KAPPA;
        int index = -minusK - CACHE_K_MIN << 1;
        long cacheHigh = CACHE[index];
        long cacheLow = CACHE[index + 1];
        int beta = q + floorLog2Pow10(-minusK);
        int deltai = (int) (cacheHigh >>> 63 - beta);
        long twoFc = c << 1;
        boolean closed = (c & 1) == 0;
        // the upper 128 bits of the 192-bit product u * cache; u < 2^63 and cacheHigh >= 2^63
        long u = (twoFc | 1) << beta;
        long high = Math.multiplyHigh(u, cacheHigh) + u;
        long low = u * cacheHigh;
        long sum = low + unsignedMultiplyHigh(u, cacheLow);
        if (Long.compareUnsigned(sum, low) < 0) {
            high++;
        }
        long significand = high / BIG_DIVISOR;
        int r = (int) (high - BIG_DIVISOR * significand);
        if (r < deltai) {
            if (r != 0 || sum != 0 || closed) {
                return significand << 1;
            }
            // the right end of an open interval: not in it
            significand--;
            r = BIG_DIVISOR;
        } else if (r == deltai) {
            // the left end's fraction decides whether the candidate is inside
            int x = parityAndInteger(twoFc - 1, cacheHigh, cacheLow, beta);
            if ((x & PARITY) != 0 || (x & INTEGER) != 0 && closed) {
                return significand << 1;
            }
        }
        significand *= 10;
        int dist = r - (deltai >>> 1) + SMALL_DIVISOR / 2;
        boolean approxYParity = ((dist ^ SMALL_DIVISOR / 2) & 1) != 0;
        int quotient = dist / SMALL_DIVISOR;
        significand += quotient;
        if (quotient * SMALL_DIVISOR == dist) {
            int y = parityAndInteger(twoFc, cacheHigh, cacheLow, beta);
            if (((y & PARITY) != 0) != approxYParity || (y & INTEGER) != 0 && (significand & 1) != 0) {
                significand--;
            }
        }
        return significand << 1 | 1;
    }

    /**
     * Of {@code twoF 2^beta} times the cached power ({@code 0 < twoF < 2^63}, 1 <= beta <= 63): {@link #PARITY} when
     * the integer part is odd, {@link #INTEGER} when there is no fraction.
     */
    private static int parityAndInteger(long twoF, long cacheHigh, long cacheLow, int beta) {
        long high = twoF * cacheHigh + unsignedMultiplyHigh(twoF, cacheLow);
        long low = twoF * cacheLow;
        int parity = (int) (high >>> 64 - beta) & PARITY;
        return (high << beta | low >>> 64 - beta) == 0 ? parity | INTEGER : parity;
    }

    /** The high 64 bits of the 128-bit product of {@code positive} (>= 0) and {@code unsigned} read as unsigned. */
    private static long unsignedMultiplyHigh(long positive, long unsigned) {
        return Math.multiplyHigh(positive, unsigned) + (unsigned >> 63 & positive);
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
        return precision == 0 ? write(f, e, buffer, pos) : writeRounded(f, e, value, buffer, pos);
    }

    private int writeRounded(long f, int e, double value, byte[] buffer, int pos) {
        long digits = f;
        int exponent = e;
        if (precision >= 16) {
            BigDecimal rounded = new BigDecimal(value).abs().round(new MathContext(precision, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().longValueExact();
            exponent = -rounded.scale();
        } else {
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
        return write(digits, exponent, buffer, pos);
    }

    /** Writes {@code digits 10^exponent} (digits > 0) in the layout described on the class. */
    private static int write(long f, int e, byte[] buffer, int pos) {
        long digits = f;
        int exponent = e;
        if (digits % 10 == 0) {
            // rare for computed values, common for prices: 123.45 comes as 1234500000000000 10^-13
            while (digits % 100_000_000L == 0) {
                digits /= 100_000_000L;
                exponent += 8;
            }
            if (digits % 10_000 == 0) {
                digits /= 10_000;
                exponent += 4;
            }
            if (digits % 100 == 0) {
                digits /= 100;
                exponent += 2;
            }
            if (digits % 10 == 0) {
                digits /= 10;
                exponent++;
            }
        }
        int length = digitCount(digits);
        int point = length + exponent;
        if (point <= -6 || point > 21) {
            return writeScientific(digits, length, point, buffer, pos);
        }
        // The digits as text in three little-endian words (first digit in the lowest byte of w0), then laid out
        // in registers and stored as three words: no byte is stored and read back.
        long w0;
        long w1 = 0;
        long w2 = 0;
        if (length <= 8) {
            w0 = eightDigits((int) digits) >>> (8 - length << 3);
        } else if (length <= 16) {
            int high = (int) (digits / 100_000_000L);
            long h = eightDigits(high);
            long l = eightDigits((int) (digits - high * 100_000_000L));
            int drop = 16 - length << 3;
            w0 = drop == 0 ? h : h >>> drop | l << 64 - drop;
            w1 = l >>> drop;
        } else {
            long top = digits / 10_000_000_000_000_000L;
            long rest = digits - top * 10_000_000_000_000_000L;
            int high = (int) (rest / 100_000_000L);
            long h = eightDigits(high);
            long l = eightDigits((int) (rest - high * 100_000_000L));
            w0 = '0' + top | h << 8;
            w1 = h >>> 56 | l << 8;
            w2 = l >>> 56;
        }
        long o0;
        long o1;
        long o2;
        int end;
        if (point <= 0) {
            // 0.000ddd: a prefix of 2 - point bytes, then the digits
            int shift = 2 - point << 3;
            o0 = ZERO_POINT_ZEROS & (1L << shift) - 1 | w0 << shift;
            o1 = w1 << shift | w0 >>> 64 - shift;
            o2 = w2 << shift | w1 >>> 64 - shift;
            end = pos + length + 2 - point;
        } else if (point < length) {
            // ddd.ddd: the digits from the point on move one byte up, the point goes between
            long up1 = w1 << 8 | w0 >>> 56;
            long up2 = w2 << 8 | w1 >>> 56;
            if (point < 8) {
                int bit = point << 3;
                long below = (1L << bit) - 1;
                o0 = w0 & below | (long) '.' << bit | w0 << 8 & ~below << 8;
                o1 = up1;
                o2 = up2;
            } else if (point < 16) {
                int bit = point - 8 << 3;
                long below = (1L << bit) - 1;
                o0 = w0;
                o1 = w1 & below | (long) '.' << bit | up1 & ~below << 8;
                o2 = up2;
            } else {
                o0 = w0;
                o1 = w1;
                o2 = '.' | w2 << 8;
            }
            end = pos + length + 1;
        } else {
            // ddd000: zeros from the last digit to the point
            o0 = w0 | ZEROS & lowBytes(point) & ~lowBytes(length);
            o1 = w1 | ZEROS & lowBytes(point - 8) & ~lowBytes(length - 8);
            o2 = w2 | ZEROS & lowBytes(point - 16) & ~lowBytes(length - 16);
            end = pos + point;
        }
        LONG_LE.set(buffer, pos, o0);
        LONG_LE.set(buffer, pos + 8, o1);
        LONG_LE.set(buffer, pos + 16, o2);
        return end;
    }

    /** A mask of the lowest {@code count} bytes of a word, {@code count} clamped to 0..8. */
    private static long lowBytes(int count) {
        return count >= 8 ? -1L : count <= 0 ? 0 : (1L << (count << 3)) - 1;
    }

    private static int writeScientific(long digits, int length, int point, byte[] buffer, int pos) {
        int end = pos + length + 1;
        writeDigits(digits, length, buffer, pos + 1);
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

    /**
     * Writes the {@code length} digits of {@code value} (> 0, at most 17 digits) from {@code start}, eight at a time.
     * Up to {@code start + 8} it may write bytes beyond the digits, which the caller overwrites or leaves beyond the
     * end of the text (the buffer has {@link #MAX_LENGTH} bytes free, and digits start within its first 8).
     */
    private static void writeDigits(long value, int length, byte[] buffer, int start) {
        if (length <= 8) {
            LONG_LE.set(buffer, start, eightDigits((int) value) >>> (8 - length << 3));
            return;
        }
        if (length <= 16) {
            int high = (int) (value / 100_000_000L);
            int low = (int) (value - high * 100_000_000L);
            LONG_LE.set(buffer, start, eightDigits(high) >>> (16 - length << 3));
            LONG_LE.set(buffer, start + length - 8, eightDigits(low));
            return;
        }
        long top = value / 10_000_000_000_000_000L;
        long rest = value - top * 10_000_000_000_000_000L;
        int high = (int) (rest / 100_000_000L);
        int low = (int) (rest - high * 100_000_000L);
        buffer[start] = (byte) ('0' + top);
        LONG_LE.set(buffer, start + 1, eightDigits(high));
        LONG_LE.set(buffer, start + 9, eightDigits(low));
    }

    /**
     * The eight decimal digits of {@code value} (0 to 99,999,999), zero-padded, as ASCII in a little-endian long (the
     * first digit in the lowest byte): the halves, quarters and digits are split in lanes of one long at once, by
     * multiplications that stand for exact divisions by 100 and by 10 in their ranges.
     */
    static long eightDigits(int value) {
        long high = value / 10_000;
        long x = high | (value - high * 10_000) << 32;
        long hundreds = (x * 5243 >>> 19) & 0x0000_007f_0000_007fL;
        long y = hundreds | (x - hundreds * 100) << 16;
        long tens = (y * 103 >>> 10) & 0x000f_000f_000f_000fL;
        long z = tens | (y - tens * 10) << 8;
        return z + 0x3030_3030_3030_3030L;
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

    /* For each k, ceil(10^k 2^(127 - floor(log2 10^k))), in [2^127, 2^128): its high and its low 64 bits. */
    private static long[] dragonboxCache() {
        long[] table = new long[(CACHE_K_MAX - CACHE_K_MIN + 1) * 2];
        BigInteger low64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int k = CACHE_K_MIN; k <= CACHE_K_MAX; k++) {
            BigInteger power = BigInteger.TEN.pow(Math.abs(k));
            BigInteger[] scaled;
            if (k >= 0) {
                int shift = 128 - power.bitLength();
                scaled = shift >= 0 ? new BigInteger[] {power.shiftLeft(shift), BigInteger.ZERO}
                        : new BigInteger[] {power.shiftRight(-shift),
                            power.and(BigInteger.ONE.shiftLeft(-shift).subtract(BigInteger.ONE))};
            } else {
                scaled = BigInteger.ONE.shiftLeft(127 + power.bitLength()).divideAndRemainder(power);
            }
            BigInteger value = scaled[1].signum() == 0 ? scaled[0] : scaled[0].add(BigInteger.ONE);
            int index = k - CACHE_K_MIN << 1;
            table[index] = value.shiftRight(64).longValue();
            table[index + 1] = value.and(low64).longValue();
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
