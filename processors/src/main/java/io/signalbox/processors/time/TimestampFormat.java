package io.signalbox.processors.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of writing a bar's time, detected from the first data row of a file and then required of every row.
 *
 * <ul>
 *   <li>{@code iso_datetime}: {@code 2024-01-02T09:30:00Z}, a space instead of {@code T}, seconds and up to nine
 *       fraction digits optional, an offset {@code Z}, {@code +01:00}, {@code +0100} or {@code +01} optional (the
 *       rows of one file either all have one or all lack one); without an offset the time is read as UTC;</li>
 *   <li>{@code iso_date}: {@code 2024-01-02}, midnight UTC;</li>
 *   <li>both of these also with {@code /} or {@code .} between year, month and day ({@code 2024/01/02 09:30},
 *       {@code 2024.01.02}), the same separator on every row;</li>
 *   <li>{@code basic_date}: {@code 20240102}, eight digits forming a date between 1900 and 2199, midnight UTC;</li>
 *   <li>{@code epoch_seconds}: whole seconds since 1970-01-01T00:00:00Z below 100,000,000,000, with up to nine
 *       fraction digits;</li>
 *   <li>{@code epoch_millis}: whole milliseconds since the epoch, 100,000,000,000 or more.</li>
 * </ul>
 *
 * <p>Times are kept as milliseconds since the epoch; finer fractions are truncated. Instances are immutable.
 */
public final class TimestampFormat {

    /** What {@link #parse} returns for text that is not a time in this format. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /**
     * The date part of the last date-time read and its day: rows of intraday bars mostly share their date with the
     * row before, and then reading the date is two comparisons. One per reader of a file; not thread-safe.
     */
    public static final class DateCache {
        private long head;
        private long tail;
        private long day = INVALID;
    }

    private enum Kind {
        ISO_DATETIME("iso_datetime", "an ISO-8601 date-time such as 2024-01-02T09:30:00Z"),
        ISO_DATE("iso_date", "an ISO-8601 date such as 2024-01-02"),
        BASIC_DATE("basic_date", "a date of eight digits such as 20240102"),
        EPOCH_SECONDS("epoch_seconds", "seconds since the epoch such as 1704187800"),
        EPOCH_MILLIS("epoch_millis", "milliseconds since the epoch such as 1704187800000");

        private final String id;
        private final String example;

        Kind(String id, String example) {
            this.id = id;
            this.example = example;
        }
    }

    private final Kind kind;
    private final boolean withOffset;
    private final boolean eitherOffset;
    private final byte dateSeparator;

    private TimestampFormat(Kind kind, boolean withOffset) {
        this(kind, withOffset, false, (byte) '-');
    }

    private TimestampFormat(Kind kind, boolean withOffset, boolean eitherOffset, byte dateSeparator) {
        this.kind = kind;
        this.withOffset = withOffset;
        this.eitherOffset = eitherOffset;
        this.dateSeparator = dateSeparator;
    }

    /**
     * Finds the format of one value.
     *
     * @param bytes the text
     * @param from index of its first byte
     * @param to index after its last byte
     * @return the format, or {@code null} when the text is a time in none of the formats
     */
    public static TimestampFormat detect(byte[] bytes, int from, int to) {
        int length = to - from;
        byte separator = length >= 10 ? bytes[from + 4] : 0;
        boolean dated = separator == '-' || separator == '/' || separator == '.';
        if (length >= 16 && dated) {
            TimestampFormat withZone = new TimestampFormat(Kind.ISO_DATETIME, true, false, separator);
            if (withZone.parse(bytes, from, to) != INVALID) {
                return withZone;
            }
            TimestampFormat local = new TimestampFormat(Kind.ISO_DATETIME, false, false, separator);
            return local.parse(bytes, from, to) != INVALID ? local : null;
        }
        if (length == 10 && dated) {
            TimestampFormat date = new TimestampFormat(Kind.ISO_DATE, false, false, separator);
            if (date.parse(bytes, from, to) != INVALID) {
                return date;
            }
        }
        if (length == 8) {
            TimestampFormat basic = new TimestampFormat(Kind.BASIC_DATE, false);
            if (basic.parse(bytes, from, to) != INVALID) {
                return basic;
            }
        }
        TimestampFormat seconds = new TimestampFormat(Kind.EPOCH_SECONDS, false);
        if (seconds.parse(bytes, from, to) != INVALID) {
            return seconds;
        }
        TimestampFormat millis = new TimestampFormat(Kind.EPOCH_MILLIS, false);
        return millis.parse(bytes, from, to) != INVALID ? millis : null;
    }

    /**
     * @param name a name as returned by {@link #name()}: {@code iso_datetime}, {@code iso_date},
     *     {@code basic_date}, {@code epoch_seconds} or {@code epoch_millis}
     * @return the format, accepting date-times with or without offset
     * @throws IllegalArgumentException when the name is none of these
     */
    public static TimestampFormat named(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.id.equals(name)) {
                return new TimestampFormat(kind, false, true, (byte) '-');
            }
        }
        throw new IllegalArgumentException("unknown timestamp format \"" + name + "\"");
    }

    /**
     * @return the names {@link #named} accepts
     */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            names.add(kind.id);
        }
        return names;
    }

    /**
     * @return the format's name, such as {@code iso_datetime}
     */
    public String name() {
        return kind.id;
    }

    /**
     * @return a phrase with an example, for error messages
     */
    public String description() {
        if (dateSeparator != '-' && (kind == Kind.ISO_DATETIME || kind == Kind.ISO_DATE)) {
            String sep = String.valueOf((char) dateSeparator);
            return kind == Kind.ISO_DATE ? "a date such as 2024" + sep + "01" + sep + "02"
                    : "a date-time such as 2024" + sep + "01" + sep + "02 09:30:00";
        }
        if (kind == Kind.ISO_DATETIME && eitherOffset) {
            return "an ISO-8601 date-time such as 2024-01-02T09:30:00Z or 2024-01-02T09:30:00";
        }
        if (kind == Kind.ISO_DATETIME) {
            return withOffset ? "an ISO-8601 date-time with an offset such as 2024-01-02T09:30:00Z"
                    : "an ISO-8601 date-time without an offset such as 2024-01-02T09:30:00";
        }
        return kind.example;
    }

    /**
     * @param bytes the text
     * @param from index of the first byte
     * @param to index after the last byte
     * @return milliseconds since the epoch, or {@link #INVALID} when the text is not a time in this format
     */
    public long parse(byte[] bytes, int from, int to) {
        return parse(bytes, from, to, null);
    }

    /**
     * As {@link #parse(byte[], int, int)}, taking a date-time's date from {@code dates} when it is the last one's.
     *
     * @param dates the reader's cache of the last date, or {@code null}
     */
    public long parse(byte[] bytes, int from, int to, DateCache dates) {
        switch (kind) {
            case ISO_DATETIME:
                return parseDateTime(bytes, from, to, dates);
            case ISO_DATE:
                return to - from == 10 ? toMillis(parseDate(bytes, from, dateSeparator)) : INVALID;
            case BASIC_DATE:
                return to - from == 8 ? toMillis(parseDate(bytes, from, (byte) 0)) : INVALID;
            case EPOCH_SECONDS:
                return parseEpochSeconds(bytes, from, to);
            default:
                return parseEpochMillis(bytes, from, to);
        }
    }

    /**
     * @param epochMillis a time
     * @return the time as ISO-8601 text in UTC, such as {@code 2024-01-02T09:30:00Z}
     */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private long parseDateTime(byte[] b, int from, int to, DateCache dates) {
        if (to - from < 16) {
            return INVALID;
        }
        long day;
        if (dates == null) {
            day = parseDate(b, from, dateSeparator);
        } else {
            // the date's ten bytes, as two overlapping longs (the field has at least 16)
            long head = (long) LONGS.get(b, from);
            long tail = (long) LONGS.get(b, from + 2);
            if (head == dates.head && tail == dates.tail && dates.day != INVALID) {
                day = dates.day;
            } else {
                day = parseDate(b, from, dateSeparator);
                dates.head = head;
                dates.tail = tail;
                dates.day = day;
            }
        }
        byte separator = b[from + 10];
        if (day == INVALID || separator != 'T' && separator != ' ' && separator != 't') {
            return INVALID;
        }
        int hour = twoDigits(b, from + 11);
        int minute = twoDigits(b, from + 14);
        if (hour < 0 || hour > 23 || b[from + 13] != ':' || minute < 0 || minute > 59) {
            return INVALID;
        }
        long millis = day * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L;
        int i = from + 16;
        if (i < to && b[i] == ':') {
            int second = i + 3 <= to ? twoDigits(b, i + 1) : -1;
            if (second < 0 || second > 59) {
                return INVALID;
            }
            millis += second * 1000L;
            i += 3;
            if (i < to && (b[i] == '.' || b[i] == ',')) {
                int end = fractionEnd(b, i + 1, to);
                if (end < 0) {
                    return INVALID;
                }
                millis += fractionMillis(b, i + 1, end);
                i = end;
            }
        }
        if (i == to) {
            return withOffset && !eitherOffset ? INVALID : millis;
        }
        if (!withOffset && !eitherOffset) {
            return INVALID;
        }
        if (b[i] == 'Z' || b[i] == 'z') {
            return i + 1 == to ? millis : INVALID;
        }
        if (b[i] != '+' && b[i] != '-') {
            return INVALID;
        }
        int sign = b[i] == '-' ? -1 : 1;
        int rest = to - i - 1;
        int offsetHours = rest >= 2 ? twoDigits(b, i + 1) : -1;
        int offsetMinutes;
        if (rest == 2) {
            offsetMinutes = 0;
        } else if (rest == 4) {
            offsetMinutes = twoDigits(b, i + 3);
        } else if (rest == 5 && b[i + 3] == ':') {
            offsetMinutes = twoDigits(b, i + 4);
        } else {
            return INVALID;
        }
        if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
            return INVALID;
        }
        return millis - sign * (offsetHours * 3_600_000L + offsetMinutes * 60_000L);
    }

    /** Epoch day of {@code yyyy-MM-dd} (with the given separator) or {@code yyyyMMdd} (separator 0), or INVALID. */
    private static long parseDate(byte[] b, int from, byte separator) {
        boolean dashed = separator != 0;
        int century = twoDigits(b, from);
        int yearOfCentury = twoDigits(b, from + 2);
        if (century < 0 || yearOfCentury < 0) {
            return INVALID;
        }
        int year = century * 100 + yearOfCentury;
        int monthAt = dashed ? from + 5 : from + 4;
        int dayAt = dashed ? from + 8 : from + 6;
        if (dashed && (b[from + 4] != separator || b[from + 7] != separator)) {
            return INVALID;
        }
        int month = twoDigits(b, monthAt);
        int day = twoDigits(b, dayAt);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return INVALID;
        }
        if (!dashed && (year < 1900 || year > 2199)) {
            return INVALID;
        }
        return epochDay(year, month, day);
    }

    private static long toMillis(long epochDay) {
        return epochDay == INVALID ? INVALID : epochDay * MILLIS_PER_DAY;
    }

    private long parseEpochSeconds(byte[] b, int from, int to) {
        long seconds = 0;
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9' && i - from < 12) {
            seconds = seconds * 10 + (b[i] - '0');
            i++;
        }
        if (i == from || seconds >= EPOCH_MILLIS_THRESHOLD) {
            return INVALID;
        }
        long millis = seconds * 1000;
        if (i < to && b[i] == '.') {
            int end = fractionEnd(b, i + 1, to);
            if (end < 0) {
                return INVALID;
            }
            millis += fractionMillis(b, i + 1, end);
            i = end;
        }
        return i == to ? millis : INVALID;
    }

    /** Where the digits of a fraction of a second that start at {@code from} end, or -1 unless there are 1 to 9. */
    private static int fractionEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int digits = i - from;
        return digits == 0 || digits > 9 ? -1 : i;
    }

    /** The whole milliseconds of the fraction of a second {@code b[from, end)}: digits past the third are cut off. */
    private static int fractionMillis(byte[] b, int from, int end) {
        int millis = 0;
        for (int i = from; i < from + 3; i++) {
            millis = millis * 10 + (i < end ? b[i] - '0' : 0);
        }
        return millis;
    }

    private static long parseEpochMillis(byte[] b, int from, int to) {
        if (to - from > 18 || to == from) {
            return INVALID;
        }
        long millis = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            millis = millis * 10 + d;
        }
        return millis >= EPOCH_MILLIS_THRESHOLD ? millis : INVALID;
    }

    private static int twoDigits(byte[] b, int at) {
        int tens = b[at] - '0';
        int ones = b[at + 1] - '0';
        if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
            return -1;
        }
        return tens * 10 + ones;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
