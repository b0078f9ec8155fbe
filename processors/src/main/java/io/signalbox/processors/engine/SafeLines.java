package io.signalbox.processors.engine;

import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.decimal.DecimalParser;

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

    private static final boolean[] FORMULA_START = new boolean[256];

    static {
        for (char c : new char[] {'=', '+', '-', '@', '\t', '\r'}) {
            FORMULA_START[c] = true;
        }
    }

    private final boolean escapeFormulas;
    private final byte delimiter;
    private final DecimalParser numbers;
    private final int[] textColumns;

    /**
     * @param parsed for each column, whether every data row's cell in it was parsed as a number, timestamp or
     *     signal before the row is copied: such cells hold no formula, CR or quote and are not looked at again
     */
    SafeLines(boolean escapeFormulas, byte delimiter, DecimalParser numbers, boolean[] parsed) {
        this.escapeFormulas = escapeFormulas;
        this.delimiter = delimiter;
        this.numbers = numbers;
        int count = 0;
        for (boolean p : parsed) {
            count += p ? 0 : 1;
        }
        textColumns = new int[count];
        for (int c = 0, i = 0; c < parsed.length; c++) {
            if (!parsed[c]) {
                textColumns[i++] = c;
            }
        }
    }

    /** Appends the reader's current data row, made safe, to {@code batch.lines}. */
    void append(CsvReader reader, RowBatch batch) {
        boolean asIs = true;
        for (int f : textColumns) {
            if (f < reader.fieldCount() && !safe(reader, f)) {
                asIs = false;
                break;
            }
        }
        append(reader, batch, 0, asIs);
    }

    /** Appends the header line, made safe, to {@code batch.lines}, leaving out its first {@code skip} bytes. */
    void appendHeader(CsvReader reader, RowBatch batch, int skip) {
        boolean asIs = true;
        for (int f = 0; f < reader.fieldCount() && asIs; f++) {
            asIs = safe(reader, f);
        }
        append(reader, batch, skip, asIs);
    }

    private void append(CsvReader reader, RowBatch batch, int skip, boolean asIs) {
        if (asIs) {
            int start = reader.recordStart() + skip;
            int length = reader.recordEnd() - start;
            batch.reserveLineBytes(length);
            System.arraycopy(reader.recordArray(), start, batch.lines, batch.linesLength, length);
            batch.linesLength += length;
        } else {
            rewrite(reader, batch);
        }
    }

    /** Whether a cell can be copied as it is: no formula, and no CR or quote unless it is quoted. */
    private boolean safe(CsvReader reader, int field) {
        byte[] b = reader.array(field);
        int s = reader.start(field);
        int e = reader.end(field);
        if (escapeFormulas && s < e && FORMULA_START[b[s] & 0xff] && formula(reader, field)) {
            return false;
        }
        return quoted(reader, field) || !needsQuotes(b, s, e);
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
