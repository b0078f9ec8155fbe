package io.signalbox.processors.decimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoubleFormatterTest {

    private final DoubleFormatter shortest = DoubleFormatter.shortest();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0|0", "-0.0|-0", "1.0|1", "-1.0|-1", "100.0|100", "123.45|123.45", "0.1|0.1", "0.3|0.3",
        "2e-3|0.002", "1e-6|0.000001", "1e-7|1e-7", "1.5e-7|1.5e-7", "1e20|100000000000000000000", "1e21|1e21",
        "1.2345e22|1.2345e22", "1e23|1e23", "9007199254740992|9007199254740992", "4.9e-324|5e-324",
        "2.2250738585072014e-308|2.2250738585072014e-308", "1.7976931348623157e308|1.7976931348623157e308",
        "0.6666666666666666|0.6666666666666666", "123456789012345680|123456789012345680",
        "5e-324|5e-324", "1e-323|1e-323", "2.5e-323|2.5e-323"
    })
    void writesKnownValuesInShortestForm(double value, String expected) {
        assertThat(shortest.toString(value)).isEqualTo(expected);
    }

    @Test
    void writesNonFiniteValuesByName() {
        assertThat(shortest.toString(Double.NaN)).isEqualTo("NaN");
        assertThat(shortest.toString(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(shortest.toString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void everyRandomDoubleReadsBackExactly() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] buffer = new byte[DoubleFormatter.MAX_LENGTH];
        int checked = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            int end = shortest.format(value, buffer, 0);
            String text = new String(buffer, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
            if (Double.parseDouble(text) != value) {
                throw new AssertionError(value + " was written as " + text);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(1_990_000);
    }

    /**
     * The layout, checked against one built with strings from the written digits: plain notation for decimal
     * exponents in [-7, 21), scientific otherwise; for values of every magnitude, sign and number of digits.
     */
    @Test
    void laysOutEveryMagnitudeAsJavaScriptDoes() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 300_000; i++) {
            double value = random.nextDouble(1, 10) * Math.pow(10, random.nextInt(-12, 25));
            if (i % 3 == 1) {
                value = Math.round(value * 100) / 100.0;
            }
            if (value == 0) {
                continue;
            }
            if (random.nextBoolean()) {
                value = -value;
            }
            String text = shortest.toString(value);
            BigDecimal decimal = new BigDecimal(text).stripTrailingZeros();
            assertThat(text).as("%s", value).isEqualTo(javaScriptLayout(decimal));
        }
    }

    private static String javaScriptLayout(BigDecimal decimal) {
        String sign = decimal.signum() < 0 ? "-" : "";
        String digits = decimal.unscaledValue().abs().toString();
        int point = digits.length() - decimal.scale();
        if (digits.length() <= point && point <= 21) {
            return sign + digits + "0".repeat(point - digits.length());
        }
        if (0 < point && point <= 21) {
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }
        if (-6 < point && point <= 0) {
            return sign + "0." + "0".repeat(-point) + digits;
        }
        int exponent = point - 1;
        return sign + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + "e" + exponent;
    }

    /** Writes go to {@code [position, position + MAX_LENGTH)} only, whatever the value. */
    @Test
    void writesNothingOutsideItsMaximumLength() {
        SplittableRandom random = new SplittableRandom(17);
        byte[] buffer = new byte[3 + DoubleFormatter.MAX_LENGTH];
        for (int i = 0; i < 200_000; i++) {
            double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
                    : random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-9, 23));
            buffer[0] = 'a';
            buffer[1] = 'b';
            buffer[2] = 'c';
            int end = shortest.format(value, buffer, 3);
            assertThat(end).isLessThanOrEqualTo(buffer.length);
            assertThat(new String(buffer, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
            assertThat(new String(buffer, 3, end - 3, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(shortest.toString(value));
        }
    }

    @Test
    void pricesLikeValuesReadBackExactly() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double value = random.nextDouble(-1e6, 1e6) / (1 << random.nextInt(20));
            assertThat(Double.parseDouble(shortest.toString(value))).isEqualTo(value);
        }
    }

    @Test
    void noShorterDecimalReadsBackAndTheChosenOneIsClosest() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong() & 0x7fff_ffff_ffff_ffffL)
                    : random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
            if (Double.isFinite(value) && value != 0) {
                assertShortestAndClosest(value);
            }
        }
    }

    /** The doubles next to short decimals, where an end of the rounding interval or a tie decides the digits. */
    @Test
    void neighboursOfShortDecimalsAreShortestAndClosest() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 40_000; i++) {
            long digits = random.nextLong(1, i % 2 == 0 ? 1_000 : 100_000_000_000_000_000L);
            double decimal = Double.parseDouble(digits + "e" + random.nextInt(-320, 300));
            if (!Double.isFinite(decimal) || decimal == 0) {
                continue;
            }
            for (double value : new double[] {decimal, Math.nextUp(decimal), Math.nextDown(decimal),
                Math.nextUp(Math.nextUp(decimal)), Math.nextDown(Math.nextDown(decimal))}) {
                assertShortestAndClosest(value);
            }
        }
    }

    private void assertShortestAndClosest(double value) {
        BigDecimal written = new BigDecimal(shortest.toString(value));
        assertThat(written.doubleValue()).as("%s written as %s", value, written).isEqualTo(value);
        int digits = written.stripTrailingZeros().precision();
        BigDecimal exact = new BigDecimal(value);
        if (digits > 1) {
            MathContext fewer = new MathContext(digits - 1, RoundingMode.FLOOR);
            BigDecimal below = exact.round(fewer);
            BigDecimal above = exact.round(new MathContext(digits - 1, RoundingMode.CEILING));
            assertThat(below.doubleValue()).as("%s rounds down to %s", value, below).isNotEqualTo(value);
            assertThat(above.doubleValue()).as("%s rounds up to %s", value, above).isNotEqualTo(value);
        }
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == value) {
            assertThat(written.compareTo(nearest)).as("closest %s-digit decimal to %s", digits, value).isZero();
        }
    }

    @Test
    void powersOfTenAndIntegersAreExact() {
        for (int e = -323; e <= 308; e++) {
            double value = Double.parseDouble("1e" + e);
            String text = shortest.toString(value);
            assertThat(Double.parseDouble(text)).isEqualTo(value);
            assertThat(new BigDecimal(text).stripTrailingZeros().unscaledValue().toString()).isEqualTo("1");
        }
        for (long n = -100_000; n <= 100_000; n += 7) {
            assertThat(shortest.toString(n)).isEqualTo(Long.toString(n));
        }
    }

    @Test
    void smallSubnormalsAreShortest() {
        for (long bits = 1; bits < 20_000; bits++) {
            double value = Double.longBitsToDouble(bits);
            BigDecimal written = new BigDecimal(shortest.toString(value));
            assertThat(written.doubleValue()).isEqualTo(value);
            int digits = written.stripTrailingZeros().precision();
            if (digits > 1) {
                BigDecimal exact = new BigDecimal(value);
                assertThat(exact.round(new MathContext(digits - 1, RoundingMode.FLOOR)).doubleValue())
                        .as("%s written as %s", value, written).isNotEqualTo(value);
                assertThat(exact.round(new MathContext(digits - 1, RoundingMode.CEILING)).doubleValue())
                        .as("%s written as %s", value, written).isNotEqualTo(value);
            }
        }
    }

    @Test
    void subnormalsReadBackExactly() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong(1, 1L << 52));
            assertThat(Double.parseDouble(shortest.toString(value))).isEqualTo(value);
        }
    }

    @Test
    void precisionRoundsTheExactValueHalfEven() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 200_000; i++) {
            int precision = 1 + random.nextInt(17);
            double value = i % 3 == 0 ? random.nextInt(-100_000, 100_000) / 8.0
                    : random.nextDouble(-1e6, 1e6) * Math.pow(10, random.nextInt(-12, 12));
            if (value == 0) {
                continue;
            }
            BigDecimal expected = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
            String text = DoubleFormatter.withPrecision(precision).toString(value);
            assertThat(new BigDecimal(text).compareTo(expected)).as("%s to %s digits: %s", value, precision, text)
                    .isZero();
        }
    }

    @Test
    void precisionDropsTrailingZeros() {
        DoubleFormatter six = DoubleFormatter.withPrecision(6);
        assertThat(six.toString(123.456789)).isEqualTo("123.457");
        assertThat(six.toString(2.5)).isEqualTo("2.5");
        assertThat(six.toString(0.000123456789)).isEqualTo("0.000123457");
        assertThat(DoubleFormatter.withPrecision(2).toString(0.125)).isEqualTo("0.12");
        assertThat(DoubleFormatter.withPrecision(2).toString(0.375)).isEqualTo("0.38");
        assertThat(DoubleFormatter.withPrecision(1).toString(9.96)).isEqualTo("10");
    }

    @Test
    void rejectsImpossiblePrecision() {
        assertThatThrownBy(() -> DoubleFormatter.withPrecision(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..17");
        assertThatThrownBy(() -> DoubleFormatter.withPrecision(18)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 18");
    }
}
