package io.signalbox.processors.engine;

import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.csv.InputDecoding;
import io.signalbox.processors.decimal.DecimalParser;
import io.signalbox.processors.time.TimestampFormat;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins a signals file to the bars on (symbol, timestamp) while both are read once, front to back.
 *
 * <p>The signals file must list its rows in the same order as the prices file lists the bars they refer to (the same
 * grouping of symbols, time increasing within a symbol). One row is held at a time: it is matched when the prices
 * reach its symbol and time; it is counted as unmatched when the prices of its symbol have already passed its time.
 * When both files are in time order (interleaved prices with several symbols seen, signals never going back in time),
 * rows of the current time for other symbols are set aside until their bars come, in any order within that time, and
 * rows of earlier times are unmatched even for symbols the prices lack. Otherwise a row waits, and the rows behind it
 * wait with it.
 */
final class SignalsJoin {

    private final CsvReader reader;
    private final String file;
    private final DecimalParser numbers;
    private final int timestampColumn;
    private final int symbolColumn;
    private final int signalColumn;
    private final int width;
    private final List<String> header;
    private TimestampFormat format;

    private static final int MAX_DEFERRED = 1 << 16;

    private boolean pending;
    private byte[] pendingSymbol = new byte[32];
    private int pendingSymbolLength;
    private long pendingMillis;
    private double pendingValue;
    private long pendingLine;

    private byte[] previousSymbol = new byte[32];
    private int previousSymbolLength = -1;
    private long previousMillis;
    private long previousRowMillis = Long.MIN_VALUE;
    private boolean timeOrdered = true;

    private byte[][] deferredKeys = new byte[16][];
    private double[] deferredValues = new double[16];
    private long[] deferredLines = new long[16];
    private int deferredCount;
    private long deferredMillis;

    private long rows;
    private long matched;
    private long unmatched;
    private long firstUnmatchedLine;

    SignalsJoin(CsvReader reader, String file, DecimalParser numbers, List<String> header, int timestampColumn,
            int symbolColumn, int signalColumn, TimestampFormat format) {
        this.reader = reader;
        this.file = file;
        this.numbers = numbers;
        this.header = header;
        this.width = header.size();
        this.timestampColumn = timestampColumn;
        this.symbolColumn = symbolColumn;
        this.signalColumn = signalColumn;
        this.format = format;
    }

    /**
     * Reads the signals file's header and finds its columns.
     *
     * @param name the file's name for error messages
     * @param signals the file, CSV, optionally gzip-compressed
     * @param bySymbol whether the prices file has symbols, so that the signals need a symbol column too
     * @param numbers how numbers are read
     * @param limits the run's limits
     * @throws CsvFormatException when the file is empty or lacks a column
     */
    static SignalsJoin open(String name, InputStream signals, boolean bySymbol, DecimalParser numbers,
            EngineLimits limits) {
        CsvReader reader = new CsvReader(InputDecoding.decode(signals, name, limits.maxGzipRatio()), name,
                (byte) ',', limits.maxLineBytes(), limits.maxColumns());
        reader.detectDelimiter();
        if (!reader.next()) {
            throw new CsvFormatException(name, 1, null, "the file is empty; expected a header line such as "
                    + "timestamp,symbol,signal");
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < reader.fieldCount(); i++) {
            header.add(reader.text(i).strip());
        }
        int timestamp = PriceColumns.require(header, "timestamp", null, name, "every signal needs a time");
        int signal = PriceColumns.require(header, "signal", null, name, "the signals themselves");
        int symbol = bySymbol ? PriceColumns.require(header, "symbol", null, name, "the prices file has symbols") : -1;
        return new SignalsJoin(reader, name, numbers, header, timestamp, symbol, signal, null);
    }

    /**
     * @param symbols the symbols the bars so far have (a file without a symbol column has one, with an empty key)
     * @param state the bar's symbol
     * @param millis the bar's time
     * @param interleavedPrices whether the prices have shown several symbols so far with time never going back
     * @return the signal for the bar, or NaN when the signals file has none
     */
    double signalFor(SymbolTable symbols, SymbolState state, long millis, boolean interleavedPrices) {
        boolean byTime = interleavedPrices && timeOrdered;
        if (deferredCount > 0) {
            if (deferredMillis < millis) {
                dropDeferred();
            } else if (deferredMillis == millis) {
                double value = takeDeferred(state);
                if (value == value) {
                    return value;
                }
            }
        }
        while (true) {
            if (!pending && !advance()) {
                return Double.NaN;
            }
            SymbolState owner = symbols.find(pendingSymbol, 0, pendingSymbolLength);
            if (owner == state) {
                if (pendingMillis < millis) {
                    drop();
                    continue;
                }
                if (pendingMillis == millis) {
                    pending = false;
                    matched++;
                    return pendingValue;
                }
                return Double.NaN;
            }
            if (owner != null && owner.lastMillis >= pendingMillis) {
                drop();
                continue;
            }
            if (byTime && pendingMillis < millis) {
                drop();
                continue;
            }
            if (byTime && pendingMillis == millis && defer()) {
                continue;
            }
            return Double.NaN;
        }
    }

    /** Sets the held row aside until the bar of its symbol at the same time comes; false when the list is full. */
    private boolean defer() {
        if (deferredCount == MAX_DEFERRED) {
            return false;
        }
        if (deferredCount == deferredKeys.length) {
            int size = deferredCount * 2;
            deferredKeys = Arrays.copyOf(deferredKeys, size);
            deferredValues = Arrays.copyOf(deferredValues, size);
            deferredLines = Arrays.copyOf(deferredLines, size);
        }
        deferredKeys[deferredCount] = Arrays.copyOf(pendingSymbol, pendingSymbolLength);
        deferredValues[deferredCount] = pendingValue;
        deferredLines[deferredCount] = pendingLine;
        deferredMillis = pendingMillis;
        deferredCount++;
        pending = false;
        return true;
    }

    private double takeDeferred(SymbolState state) {
        for (int i = 0; i < deferredCount; i++) {
            if (Arrays.equals(deferredKeys[i], state.key)) {
                double value = deferredValues[i];
                deferredCount--;
                deferredKeys[i] = deferredKeys[deferredCount];
                deferredValues[i] = deferredValues[deferredCount];
                deferredLines[i] = deferredLines[deferredCount];
                matched++;
                return value;
            }
        }
        return Double.NaN;
    }

    private void dropDeferred() {
        for (int i = 0; i < deferredCount; i++) {
            unmatched++;
            if (firstUnmatchedLine == 0 || deferredLines[i] < firstUnmatchedLine) {
                firstUnmatchedLine = deferredLines[i];
            }
        }
        deferredCount = 0;
    }

    /** Counts every row not yet matched as unmatched; call after the last bar. */
    void finish() {
        dropDeferred();
        while (pending || advance()) {
            drop();
        }
    }

    private void drop() {
        pending = false;
        unmatched++;
        if (firstUnmatchedLine == 0) {
            firstUnmatchedLine = pendingLine;
        }
    }

    private boolean advance() {
        while (reader.next()) {
            if (readRow()) {
                return true;
            }
        }
        return false;
    }

    /** Reads the reader's current row; false when its signal cell is empty. */
    private boolean readRow() {
        rows++;
        long line = reader.line();
        if (reader.fieldCount() != width) {
            throw new CsvFormatException(file, line, null, "found " + reader.fieldCount() + " fields; expected "
                    + width + " like the header");
        }
        byte[] tb = reader.array(timestampColumn);
        int ts = reader.start(timestampColumn);
        int te = reader.end(timestampColumn);
        if (format == null) {
            format = TimestampFormat.detect(tb, ts, te);
            if (format == null) {
                throw new CsvFormatException(file, line, header.get(timestampColumn), "\"" + reader.text(timestampColumn)
                        + "\" is not a timestamp; expected an ISO-8601 date or date-time, or epoch seconds or "
                        + "milliseconds");
            }
        }
        long millis = format.parse(tb, ts, te);
        if (millis == TimestampFormat.INVALID) {
            throw new CsvFormatException(file, line, header.get(timestampColumn), "\"" + reader.text(timestampColumn)
                    + "\" is not a timestamp in the file's format; expected " + format.description());
        }
        double value = SignalValues.parse(numbers, reader.array(signalColumn), reader.start(signalColumn),
                reader.end(signalColumn));
        if (value == SignalValues.INVALID) {
            throw new CsvFormatException(file, line, header.get(signalColumn), "\"" + reader.text(signalColumn)
                    + "\" is not a signal; expected " + SignalValues.EXPECTED);
        }
        int length = 0;
        if (symbolColumn >= 0) {
            int ss = reader.start(symbolColumn);
            length = reader.end(symbolColumn) - ss;
            if (pendingSymbol.length < length) {
                pendingSymbol = new byte[Math.max(length, pendingSymbol.length * 2)];
            }
            System.arraycopy(reader.array(symbolColumn), ss, pendingSymbol, 0, length);
        }
        if (previousSymbolLength == length
                && Arrays.equals(previousSymbol, 0, length, pendingSymbol, 0, length) && millis <= previousMillis) {
            throw new CsvFormatException(file, line, header.get(timestampColumn), "time " + reader.text(timestampColumn)
                    + " does not increase within its symbol; expected the signals in the same order as the prices, "
                    + "time increasing within each symbol");
        }
        if (previousSymbol.length < length) {
            previousSymbol = new byte[pendingSymbol.length];
        }
        System.arraycopy(pendingSymbol, 0, previousSymbol, 0, length);
        previousSymbolLength = length;
        previousMillis = millis;
        if (millis < previousRowMillis) {
            timeOrdered = false;
        }
        previousRowMillis = millis;
        pendingSymbolLength = length;
        pendingMillis = millis;
        pendingLine = line;
        if (value != value) {
            return false;
        }
        pendingValue = value;
        pending = true;
        return true;
    }

    long rows() {
        return rows;
    }

    long matched() {
        return matched;
    }

    long unmatched() {
        return unmatched;
    }

    long firstUnmatchedLine() {
        return firstUnmatchedLine;
    }

}
