package io.signalbox.processors.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampFormatTest {

    private static long parse(TimestampFormat format, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return format.parse(b, 0, b.length);
    }

    private static TimestampFormat detect(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return TimestampFormat.detect(b, 0, b.length);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-02T09:30:00Z, iso_datetime, 2024-01-02T09:30:00Z",
        "2024-01-02T09:30:00.123Z, iso_datetime, 2024-01-02T09:30:00.123Z",
        "2024-01-02T09:30:00.123456789Z, iso_datetime, 2024-01-02T09:30:00.123Z",
        "2024-01-02 09:30, iso_datetime, 2024-01-02T09:30:00Z",
        "2024-01-02T09:30:00+01:00, iso_datetime, 2024-01-02T08:30:00Z",
        "2024-01-02T09:30:00-0530, iso_datetime, 2024-01-02T15:00:00Z",
        "2024-01-02T09:30:00+02, iso_datetime, 2024-01-02T07:30:00Z",
        "2024-02-29, iso_date, 2024-02-29T00:00:00Z",
        "2024/02/29, iso_date, 2024-02-29T00:00:00Z",
        "2024.01.02 09:30:15, iso_datetime, 2024-01-02T09:30:15Z",
        "20240102, basic_date, 2024-01-02T00:00:00Z",
        "1704187800, epoch_seconds, 2024-01-02T09:30:00Z",
        "1704187800.5, epoch_seconds, 2024-01-02T09:30:00.500Z",
        "1704187800000, epoch_millis, 2024-01-02T09:30:00Z"
    })
    void detectsAndReadsEachFormat(String text, String name, String expected) {
        TimestampFormat format = detect(text);
        assertThat(format).isNotNull();
        assertThat(format.name()).isEqualTo(name);
        assertThat(Instant.ofEpochMilli(parse(format, text))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-01", "2024-02-30", "2023-02-29", "2024-01-02T24:00:00Z", "2024-01-02T09:60Z",
        "yesterday", "01/02/2024", "", "2024-01-02T09:30:00Q", "-5", "2024/01-02", "2024_01_02"})
    void refusesWhatIsNoTime(String text) {
        assertThat(detect(text)).isNull();
    }

    @Test
    void holdsToTheDetectedFormat() {
        TimestampFormat withOffset = detect("2024-01-02T09:30:00Z");
        assertThat(parse(withOffset, "2024-01-02T09:31:00")).isEqualTo(TimestampFormat.INVALID);
        TimestampFormat date = detect("2024-01-02");
        assertThat(parse(date, "2024-01-02T09:31:00Z")).isEqualTo(TimestampFormat.INVALID);
        assertThat(parse(date, "2024/01/03")).isEqualTo(TimestampFormat.INVALID);
        assertThat(parse(detect("2024/01/02"), "2024-01-03")).isEqualTo(TimestampFormat.INVALID);
        TimestampFormat seconds = detect("1704187800");
        assertThat(parse(seconds, "1704187800000")).isEqualTo(TimestampFormat.INVALID);
    }

    @Test
    void aNamedDateTimeFormatTakesTimesWithAndWithoutOffset() {
        TimestampFormat named = TimestampFormat.named("iso_datetime");
        assertThat(parse(named, "2024-01-02T09:30:00Z")).isEqualTo(Instant.parse("2024-01-02T09:30:00Z").toEpochMilli());
        assertThat(parse(named, "2024-01-02T09:30:00")).isEqualTo(Instant.parse("2024-01-02T09:30:00Z").toEpochMilli());
        assertThat(parse(named, "2024-01-02")).isEqualTo(TimestampFormat.INVALID);
    }

    @Test
    void agreesWithJavaTimeOnRandomDates() {
        SplittableRandom random = new SplittableRandom(2);
        TimestampFormat format = TimestampFormat.named("iso_date");
        for (int i = 0; i < 100_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(-200_000, 200_000));
            if (date.getYear() < 0 || date.getYear() > 9999) {
                continue;
            }
            long expected = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            assertThat(parse(format, date.toString())).as(date.toString()).isEqualTo(expected);
        }
    }

    /** A reader's cache of the last date gives what reading every date gives, row after row. */
    @Test
    void theLastDateCachedReadsAsEveryDateRead() {
        TimestampFormat format = detect("2024-01-02T09:30:00Z");
        TimestampFormat.DateCache dates = new TimestampFormat.DateCache();
        String[] rows = {"2024-01-02T09:30:00Z", "2024-01-02T09:31:00Z", "2024-01-02T23:59:59Z",
            "2024-01-03T00:00:00Z", "2024-02-30T00:00:00Z", "2024-02-30T00:01:00Z", "2024-02-29T00:01:00Z",
            "2024-02-29T25:01:00Z", "2024/02/29T00:02:00Z", "2024-02-29T00:03:00+01:00",
            "2024-02-29 00:04:00Z", "2024-02-29T00:05:00Z"};
        for (String row : rows) {
            byte[] bytes = ("x," + row + ",1").getBytes(StandardCharsets.US_ASCII);
            long expected = format.parse(bytes, 2, 2 + row.length());
            assertThat(format.parse(bytes, 2, 2 + row.length(), dates)).as(row).isEqualTo(expected);
        }
        byte[] mar = "2024-03-01T00:00:00Z".getBytes(StandardCharsets.US_ASCII);
        assertThat(format.parse(mar, 0, mar.length, dates))
                .isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
        assertThat(format.parse(mar, 0, mar.length, dates))
                .isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
    }
}
