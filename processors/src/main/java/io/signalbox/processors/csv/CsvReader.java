package io.signalbox.processors.csv;

import io.signalbox.processors.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CSV records from UTF-8 bytes without decoding them: each record is a range of a reusable buffer, each field
 * a sub-range, so that numbers can be parsed and lines copied without creating objects.
 *
 * <p>Fields follow RFC 4180: separated by the delimiter, a field that starts with a double quote runs to the next
 * lone double quote, and {@code ""} inside it is one quote; quoted fields may hold delimiters and line breaks. A
 * record ends at LF; a CR just before it is dropped. Blank lines are skipped. The ranges of a record are valid until
 * the next call of {@link #next()}.
 *
 * <p>Not thread-safe.
 */
public final class CsvReader {

    private static final int INITIAL_BUFFER = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long LINE_FEEDS = ONES * '\n';

    private final InputStream in;
    private final String fileName;
    private byte delimiter;
    private final int maxLineBytes;
    private final int maxColumns;

    private byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private long nextLine = 1;

    private int recordStart;
    private int recordEnd;
    private long recordLine;
    private int fieldCount;
    private int[] starts;
    private int[] ends;
    private boolean[] unescaped;
    private byte[] scratch = new byte[256];
    private int scratchLength;
    private boolean quoted;
    private int quoteStart;
    private int quoteEnd;
    private boolean quoteEscaped;

    /**
     * @param in the decoded bytes, read to the end, not closed
     * @param fileName the file's name for error messages
     * @param delimiter the field delimiter
     * @param maxLineBytes the longest record accepted, in bytes
     * @param maxColumns the most fields a record may have
     */
    public CsvReader(InputStream in, String fileName, byte delimiter, int maxLineBytes, int maxColumns) {
        this.in = in;
        this.fileName = fileName;
        this.delimiter = delimiter;
        this.maxLineBytes = maxLineBytes;
        this.maxColumns = maxColumns;
        this.buffer = new byte[Math.min(INITIAL_BUFFER, Math.max(maxLineBytes + 2, 1024))];
        this.starts = new int[16];
        this.ends = new int[16];
        this.unescaped = new boolean[16];
    }

    /**
     * Reads the next non-blank record.
     *
     * @return {@code false} at the end of the input
     * @throws CsvFormatException when a quoted field is not closed properly
     * @throws LimitExceededException when a record is longer than the limit or has too many fields
     * @throws UncheckedIOException when reading fails
     */
    public boolean next() {
        while (true) {
            recordStart = position;
            if (position >= limit) {
                compact();
                if (!readMore()) {
                    return false;
                }
            }
            if (readRecord()) {
                if (recordEnd - recordStart > maxLineBytes) {
                    throw tooLong();
                }
                return true;
            }
        }
    }

    /**
     * Skips a UTF-8 byte order mark and picks the delimiter that occurs most often outside quotes on the first
     * line, of {@code , ; TAB |} (ties go to the earlier one; a comma when none occurs). Call before the first
     * {@link #next()}.
     *
     * @return the delimiter now in use
     * @throws CsvFormatException when the input starts with a UTF-16 or UTF-32 byte order mark
     * @throws UncheckedIOException when reading fails
     */
    public byte detectDelimiter() {
        int lineEnd = -1;
        while (lineEnd < 0) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineEnd = i;
                    break;
                }
            }
            if (lineEnd >= 0 || limit == buffer.length || !readMore()) {
                break;
            }
        }
        if (limit >= 3 && (buffer[0] & 0xff) == 0xef && (buffer[1] & 0xff) == 0xbb && (buffer[2] & 0xff) == 0xbf) {
            position = 3;
        } else if (limit >= 2 && ((buffer[0] & 0xff) == 0xfe && (buffer[1] & 0xff) == 0xff
                || (buffer[0] & 0xff) == 0xff && (buffer[1] & 0xff) == 0xfe)) {
            throw new CsvFormatException(fileName, 1, null,
                    "the file starts with a UTF-16 or UTF-32 byte order mark; expected UTF-8 text");
        }
        int end = lineEnd < 0 ? limit : lineEnd;
        byte[] candidates = {',', ';', '\t', '|'};
        int[] counts = new int[candidates.length];
        boolean inQuotes = false;
        for (int i = position; i < end; i++) {
            byte b = buffer[i];
            if (b == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes) {
                for (int c = 0; c < candidates.length; c++) {
                    if (b == candidates[c]) {
                        counts[c]++;
                    }
                }
            }
        }
        int best = 0;
        for (int c = 1; c < candidates.length; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        delimiter = candidates[best];
        return delimiter;
    }

    /**
     * @return the delimiter in use
     */
    public byte delimiter() {
        return delimiter;
    }

    /** Reads one record starting at {@code position}; returns false for a blank line. */
    private boolean readRecord() {
        recordLine = nextLine;
        fieldCount = 0;
        scratchLength = 0;
        quoted = false;
        int i = position;
        int fieldStart = i;
        final byte d = delimiter;
        final long delimiterPattern = ONES * (d & 0xff);
        while (true) {
            if (i >= limit) {
                int shift = compact();
                i -= shift;
                fieldStart -= shift;
                if (!readMore()) {
                    endField(fieldStart, i);
                    recordEnd = i;
                    position = i;
                    return fieldCount > 1 || recordEnd > recordStart;
                }
                continue;
            }
            if (i == fieldStart && buffer[i] == '"') {
                i = readQuoted(i);
                continue;
            }
            i = scan(i, delimiterPattern);
            if (i >= limit) {
                continue;
            }
            if (buffer[i] == d) {
                endField(fieldStart, i);
                i++;
                fieldStart = i;
            } else {
                int end = i > recordStart && buffer[i - 1] == '\r' ? i - 1 : i;
                endField(fieldStart, end);
                recordEnd = end;
                position = i + 1;
                nextLine++;
                return fieldCount > 1 || recordEnd > recordStart;
            }
        }
    }

    /**
     * Finds the next delimiter or LF at or after {@code from}, eight bytes at a time: a byte equal to the one sought
     * becomes zero after an XOR, and {@code (x - 0x01..01) & ~x & 0x80..80} flags zero bytes, the lowest flag always
     * being a true one. Returns {@code limit} when there is none.
     */
    private int scan(int from, long delimiterPattern) {
        final byte[] b = buffer;
        final int end = limit;
        int i = from;
        while (i + 8 <= end) {
            long word = (long) LONGS.get(b, i);
            long x = word ^ delimiterPattern;
            long y = word ^ LINE_FEEDS;
            long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        final byte d = delimiter;
        while (i < end) {
            byte c = b[i];
            if (c == d || c == '\n') {
                return i;
            }
            i++;
        }
        return end;
    }

    private void endField(int start, int end) {
        if (quoted) {
            if (end != quoteEnd + 1) {
                throw new CsvFormatException(fileName, nextLine, null, "found " + describe(buffer[quoteEnd + 1])
                        + " after the closing quote of a field; expected the delimiter or the end of the line");
            }
            addField(quoteStart, quoteEnd, quoteEscaped);
            quoted = false;
        } else {
            addField(start, end, false);
        }
    }

    /** Reads a quoted field whose opening quote is at {@code at}; returns the index after its closing quote. */
    private int readQuoted(int at) {
        int i = at + 1;
        quoteStart = i;
        quoteEscaped = false;
        long openedOn = nextLine;
        while (true) {
            if (i + 1 >= limit) {
                int shift = compact();
                i -= shift;
                if (!readMore() && i >= limit) {
                    throw new CsvFormatException(fileName, openedOn, null,
                            "a quoted field opened on this line is never closed; expected a closing \"");
                }
                if (i + 1 >= limit && !(i < limit && endOfInput)) {
                    continue;
                }
            }
            byte b = buffer[i];
            if (b == '"') {
                if (i + 1 < limit && buffer[i + 1] == '"') {
                    quoteEscaped = true;
                    i += 2;
                    continue;
                }
                quoteEnd = i;
                quoted = true;
                return i + 1;
            }
            if (b == '\n') {
                nextLine++;
            }
            i++;
        }
    }

    private void addField(int start, int end, boolean escapedQuotes) {
        if (fieldCount == starts.length) {
            if (fieldCount >= maxColumns) {
                throw new LimitExceededException(fileName, recordLine, "max_columns",
                        "more than " + maxColumns + " columns; a file may have at most " + maxColumns);
            }
            int size = Math.min(maxColumns, fieldCount * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            unescaped = Arrays.copyOf(unescaped, size);
        }
        if (escapedQuotes) {
            int length = end - start;
            if (scratch.length < scratchLength + length) {
                scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLength + length));
            }
            int from = scratchLength;
            int j = from;
            for (int k = start; k < end; k++) {
                byte b = buffer[k];
                scratch[j++] = b;
                if (b == '"') {
                    k++;
                }
            }
            scratchLength = j;
            starts[fieldCount] = from;
            ends[fieldCount] = j;
            unescaped[fieldCount] = true;
        } else {
            starts[fieldCount] = start;
            ends[fieldCount] = end;
            unescaped[fieldCount] = false;
        }
        fieldCount++;
    }

    /**
     * Moves the current record to the start of the buffer, growing the buffer when the record fills it, and
     * returns how far the bytes moved; every index into the record moves by that much.
     */
    private int compact() {
        int shift = recordStart;
        int kept = limit - shift;
        if (shift > 0) {
            System.arraycopy(buffer, shift, buffer, 0, kept);
            for (int f = 0; f < fieldCount; f++) {
                if (!unescaped[f]) {
                    starts[f] -= shift;
                    ends[f] -= shift;
                }
            }
            recordStart = 0;
            position -= shift;
            quoteStart -= shift;
            quoteEnd -= shift;
            limit = kept;
        } else if (kept == buffer.length) {
            if (kept > maxLineBytes) {
                throw tooLong();
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, (long) maxLineBytes + 2));
        }
        return shift;
    }

    /** Reads more bytes after {@code limit}; false at the end of the input. */
    private boolean readMore() {
        if (endOfInput) {
            return false;
        }
        try {
            int n;
            do {
                n = in.read(buffer, limit, buffer.length - limit);
            } while (n == 0);
            if (n < 0) {
                endOfInput = true;
                return false;
            }
            limit += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + fileName + " failed", e);
        }
    }

    private LimitExceededException tooLong() {
        return new LimitExceededException(fileName, recordLine, "max_line_bytes",
                "line is longer than " + maxLineBytes + " bytes; lines may be at most " + maxLineBytes
                        + " bytes long");
    }

    private static String describe(byte b) {
        if (b >= 0x20 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return String.format("byte 0x%02x", b & 0xff);
    }

    /**
     * @return the 1-based line on which the current record starts
     */
    public long line() {
        return recordLine;
    }

    /**
     * @return the number of fields of the current record
     */
    public int fieldCount() {
        return fieldCount;
    }

    /**
     * @param field a field index
     * @return the array holding the field's bytes: the read buffer, or a side buffer for a quoted field with
     *     escaped quotes
     */
    public byte[] array(int field) {
        return unescaped[field] ? scratch : buffer;
    }

    /**
     * @param field a field index
     * @return the index of the field's first byte in {@link #array(int)}
     */
    public int start(int field) {
        return starts[field];
    }

    /**
     * @param field a field index
     * @return the index after the field's last byte in {@link #array(int)}
     */
    public int end(int field) {
        return ends[field];
    }

    /**
     * @param field a field index
     * @return the field decoded as UTF-8
     */
    public String text(int field) {
        return new String(array(field), starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /**
     * @return the read buffer, which holds the current record's raw bytes
     */
    public byte[] recordArray() {
        return buffer;
    }

    /**
     * @return the index of the current record's first byte in {@link #recordArray()}
     */
    public int recordStart() {
        return recordStart;
    }

    /**
     * @return the index after the current record's last byte (line terminator excluded)
     */
    public int recordEnd() {
        return recordEnd;
    }
}
