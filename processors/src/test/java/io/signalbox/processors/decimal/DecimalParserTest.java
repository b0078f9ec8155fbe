package io.signalbox.processors.decimal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalParserTest {

    private static double parse(DecimalParser parser, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        double alone = parser.parse(bytes, 0, bytes.length);
        assertThat(Double.doubleToRawLongBits(inRecord(parser, text, ",9.9e1,-")))
                .as("%s inside a record", text).isEqualTo(Double.doubleToRawLongBits(alone));
        return alone;
    }

    /** Parses {@code text} as a field in the middle of a record, with {@code after} following it. */
    private static double inRecord(DecimalParser parser, String text, String after) {
        byte[] bytes = ("x," + text + after + "0123456789").getBytes(StandardCharsets.US_ASCII);
        return parser.parse(bytes, 2, 2 + text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "-12.5", "+7", ".5", "3.", "1e-3", "1E+22", "0.000123", "123456789012345678901234",
        "1.7976931348623157e308", "4.9e-324", "0", "-0", "100.00", "99999999999999999999.5e-3"})
    void parsesPlainDecimalsExactlyAsTheJdk(String text) {
        assertThat(parse(DecimalParser.point(), text)).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "e5", "1e", "1e+", "NaN", "nan", "Infinity", "-inf", "0x1p3", "1.0d",
        "1,000", "12,5x", " 1", "1 ", "1.2.3", "--1", "1e400", "12.5f"})
    void refusesEverythingElse(String text) {
        assertThat(parse(DecimalParser.point(), text)).isNaN();
    }

    @Test
    void readsDecimalCommaOnlyWhenAsked() {
        assertThat(parse(DecimalParser.pointOrComma(), "12,5")).isEqualTo(12.5);
        assertThat(parse(DecimalParser.pointOrComma(), "12.5")).isEqualTo(12.5);
        assertThat(parse(DecimalParser.pointOrComma(), "0,1234567890123456789012")).isEqualTo(0.1234567890123456789012);
        assertThat(parse(DecimalParser.point(), "12,5")).isNaN();
    }

    /** Short fields, read eight bytes at a time, whatever follows them in the record. */
    @Test
    void shortFieldsInsideARecordReadAsTheJdkReadsThem() {
        SplittableRandom random = new SplittableRandom(2);
        String[] after = {",", ".", ",5", "5", "e5", ".5.", "\n", ""};
        for (int i = 0; i < 300_000; i++) {
            int integerDigits = random.nextInt(0, 9);
            int fractionDigits = random.nextInt(0, 9 - integerDigits);
            StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "-" : "");
            for (int d = 0; d < integerDigits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (fractionDigits > 0 || random.nextBoolean()) {
                text.append('.');
            }
            for (int d = 0; d < fractionDigits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            String field = text.toString();
            double expected = integerDigits + fractionDigits == 0 ? Double.NaN : Double.parseDouble(field);
            double actual = inRecord(DecimalParser.point(), field, after[random.nextInt(after.length)]);
            assertThat(Double.doubleToRawLongBits(actual)).as(field)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        assertThat(inRecord(DecimalParser.pointOrComma(), "-227,06", ",1")).isEqualTo(-227.06);
        assertThat(inRecord(DecimalParser.pointOrComma(), "2,27,06", ",1")).isNaN();
        assertThat(inRecord(DecimalParser.point(), "12:5", ",1")).isNaN();
        assertThat(inRecord(DecimalParser.point(), "12/5", ",1")).isNaN();
    }

    @Test
    void randomDoublesReadBackAsTheJdkReadsThem() {
        SplittableRandom random = new SplittableRandom(1);
        DecimalParser parser = DecimalParser.point();
        for (int i = 0; i < 500_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            String text = i % 2 == 0 ? Double.toString(value)
                    : String.format(Locale.ROOT, "%." + random.nextInt(0, 12) + "f", random.nextDouble(1e7));
            assertThat(parse(parser, text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }
}
