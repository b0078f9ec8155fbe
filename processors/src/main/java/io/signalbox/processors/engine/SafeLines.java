package io.signalbox.processors.engine;

import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.decimal.DecimalParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies input lines into the result so that a spreadsheet opens them as data and a CSV reader reads them back as
 * the same cells. Most lines are copied byte for byte; a line is rewritten cell by cell only when one of its cells
 * <ul>
 *   <li>would be evaluated as a formula: text starting with {@code = + - @}, TAB or CR (a number such as {@code -3}
 *       is no formula) gets a leading {@code '}, as OWASP recommends against CSV injection, unless the recipe
 *       turns that off for machine readers;</li>
 *   <li>holds a CR or a double quote without being quoted (the reader takes a lone CR and a quote inside an
 *       unquoted field as data): it is quoted, its quotes doubled.</li>
 * </ul>
 * Cells quoted in the input stay quoted. Not thread-safe: one per reader.
 */
final class SafeLines {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long CARRIAGE_RETURNS = ONES * '\r';
    private static final long QUOTES = ONES * '"';
    private static final boolean[] FORMULA_START = new boolean[256];

    static {
        for (char c : new char[] {'=', '+', '-', '@', '\t', '\r'}) {
            FORMULA_START[c] = true;
        }
    }

    private final boolean escapeFormulas;
    private final byte delimiter;
    private final DecimalParser numbers;

    SafeLines(boolean escapeFormulas, byte delimiter, DecimalParser numbers) {
        this.escapeFormulas = escapeFormulas;
        this.delimiter = delimiter;
        this.numbers = numbers;
    }

    /** Appends the reader's current record, made safe, to {@code batch.lines}. */
    void append(CsvReader reader, RowBatch batch, int from) {
        byte[] raw = reader.recordArray();
        int start = reader.recordStart() + from;
        int end = reader.recordEnd();
        if (copyAsIs(reader, raw, start, end)) {
            int length = end - start;
            batch.reserveLineBytes(length);
            System.arraycopy(raw, start, batch.lines, batch.linesLength, length);
            batch.linesLength += length;
        } else {
            rewrite(reader, batch);
        }
    }

    private boolean copyAsIs(CsvReader reader, byte[] raw, int start, int end) {
        if (escapeFormulas) {
            for (int f = 0, n = reader.fieldCount(); f < n; f++) {
                int s = reader.start(f);
                if (s < reader.end(f) && FORMULA_START[reader.array(f)[s] & 0xff] && formula(reader, f)) {
                    return false;
                }
            }
        }
        return !hasReturnOrQuote(raw, start, end) || !unquotedFieldNeedsQuotes(reader);
    }

    private boolean formula(CsvReader reader, int field) {
        byte[] b = reader.array(field);
        int s = reader.start(field);
        byte first = b[s];
        if (first != '-' && first != '+') {
            return true;
        }
        double number = numbers.parse(b, s, reader.end(field));
        return number != number;
    }

    private static boolean hasReturnOrQuote(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long word = (long) LONGS.get(b, i);
            long x = word ^ CARRIAGE_RETURNS;
            long y = word ^ QUOTES;
            if ((((x - ONES) & ~x | (y - ONES) & ~y) & HIGH_BITS) != 0) {
                return true;
            }
            i += 8;
        }
        while (i < to) {
            if (b[i] == '\r' || b[i] == '"') {
                return true;
            }
            i++;
        }
        return false;
    }

    private boolean unquotedFieldNeedsQuotes(CsvReader reader) {
        for (int f = 0, n = reader.fieldCount(); f < n; f++) {
            if (!quoted(reader, f) && needsQuotes(reader.array(f), reader.start(f), reader.end(f))) {
                return true;
            }
        }
        return false;
    }

    private static boolean quoted(CsvReader reader, int field) {
        byte[] raw = reader.recordArray();
        int s = reader.start(field);
        return reader.array(field) != raw || s > reader.recordStart() && raw[s - 1] == '"';
    }

    private boolean needsQuotes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\r' || c == '\n' || c == '"' || c == delimiter) {
                return true;
            }
        }
        return false;
    }

    private void rewrite(CsvReader reader, RowBatch batch) {
        for (int f = 0, n = reader.fieldCount(); f < n; f++) {
            byte[] b = reader.array(f);
            int s = reader.start(f);
            int e = reader.end(f);
            boolean neutralise = escapeFormulas && s < e && FORMULA_START[b[s] & 0xff] && formula(reader, f);
            boolean quote = quoted(reader, f) || needsQuotes(b, s, e);
            batch.reserveLineBytes(2 * (e - s) + 4);
            byte[] out = batch.lines;
            int p = batch.linesLength;
            if (f > 0) {
                out[p++] = delimiter;
            }
            if (quote) {
                out[p++] = '"';
            }
            if (neutralise) {
                out[p++] = '\'';
            }
            for (int i = s; i < e; i++) {
                byte c = b[i];
                out[p++] = c;
                if (quote && c == '"') {
                    out[p++] = '"';
                }
            }
            if (quote) {
                out[p++] = '"';
            }
            batch.linesLength = p;
        }
    }
}
