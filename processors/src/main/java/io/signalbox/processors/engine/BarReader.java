package io.signalbox.processors.engine;

import io.signalbox.processors.LimitExceededException;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.decimal.DecimalParser;
import io.signalbox.processors.time.TimestampFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first stage of a run: reads the prices file's rows into batches, parsing each into a bar or rejecting it
 * within the recipe's budget of bad rows, and finds each bar's symbol. What stops it (bad input past the budget, a
 * limit, a failed read) is put after the rows before it, so that the run fails at the same row whatever runs ahead.
 */
final class BarReader {

    /** Line bytes per batch beyond which a batch is handed on even with room for rows. */
    private static final int LINE_BUDGET = 1 << 18;

    private final CsvReader reader;
    private final EnginePlan plan;
    private final EngineLimits limits;
    private final DecimalParser numbers;
    private final SafeLines safeLines;
    private final RowPipeline pipeline;
    private final SymbolTable symbols = new SymbolTable();
    private final List<SkippedRow> skippedRows = new ArrayList<>();
    private final long allowedBadRows;
    private SymbolState single;
    private SymbolState previous;
    /** Per symbol, by id: the time and line of its latest bar, and the symbol that followed it last time. */
    private long[] readMillis = new long[16];
    private long[] readLine = new long[16];
    private SymbolState[] successor = new SymbolState[16];
    private TimestampFormat format;
    private final TimestampFormat.DateCache dates = new TimestampFormat.DateCache();
    private long rows;
    private long rowsSkipped;

    /**
     * @param safeLines how lines are copied to the result, or {@code null} when the output does not repeat them
     */
    BarReader(CsvReader reader, EnginePlan plan, EngineLimits limits, DecimalParser numbers, SafeLines safeLines,
            RowPipeline pipeline) {
        this.reader = reader;
        this.plan = plan;
        this.limits = limits;
        this.numbers = numbers;
        this.safeLines = safeLines;
        this.pipeline = pipeline;
        this.format = plan.timestampFormat;
        this.allowedBadRows = Math.min(plan.recipe.maxBadRows(), limits.maxBadRows());
    }

    /** Fills the batch with the next rows; marks it the last at the end of the input or when reading must stop. */
    void fill(RowBatch batch) {
        batch.clear();
        try {
            while (batch.rows < batch.capacity && batch.linesLength < LINE_BUDGET) {
                if (!reader.next()) {
                    batch.last = true;
                    return;
                }
                readRow(batch);
            }
        } catch (RuntimeException e) {
            batch.failure = e;
            batch.last = true;
        }
    }

    private void readRow(RowBatch batch) {
        final ColumnLayout columns = plan.columns;
        final CsvReader r = reader;
        long line = r.line();
        if (r.fieldCount() != columns.header().size()) {
            badRow(line, null, "found " + r.fieldCount() + " fields; expected " + columns.header().size()
                    + " like the header");
            return;
        }
        int tsCol = columns.timestamp();
        byte[] tb = r.array(tsCol);
        int tStart = r.start(tsCol);
        int tEnd = r.end(tsCol);
        if (format == null) {
            format = TimestampFormat.detect(tb, tStart, tEnd);
            if (format == null) {
                throw new CsvFormatException(plan.file, line, columns.name(tsCol), "\"" + r.text(tsCol)
                        + "\" is not a timestamp; expected an ISO-8601 date or date-time such as "
                        + "2024-01-02T09:30:00Z, a date such as 20240102, or epoch seconds or milliseconds");
            }
        }
        long millis = format.parse(tb, tStart, tEnd, dates);
        if (millis == TimestampFormat.INVALID) {
            badRow(line, columns.name(tsCol), "\"" + r.text(tsCol) + "\" is not a timestamp in the format of "
                    + "the first row; expected " + format.description());
            return;
        }
        int symCol = columns.symbol();
        SymbolState state = symCol >= 0 ? find(r.array(symCol), r.start(symCol), r.end(symCol)) : single;
        if (state != null && millis <= readMillis[state.id]) {
            badRow(line, columns.name(tsCol), "time " + r.text(tsCol) + " is not after "
                    + TimestampFormat.iso(readMillis[state.id]) + " on line " + readLine[state.id]
                    + (state == single ? "" : " for symbol " + state.name)
                    + "; expected time to increase within each symbol");
            return;
        }
        int row = batch.rows;
        double[] bars = batch.bars;
        int at = row * RowBatch.BAR_VALUES;
        int[] fields = columns.fields();
        for (int f = 0; f < fields.length; f++) {
            int c = fields[f];
            if (c < 0) {
                bars[at + f] = Double.NaN;
                continue;
            }
            double v = numbers.parse(r.array(c), r.start(c), r.end(c));
            if (v != v) {
                String text = r.text(c);
                badRow(line, columns.name(c), text.isEmpty() ? "empty; expected a number"
                        : "\"" + text + "\" is not a number; expected a decimal number such as 12.5");
                return;
            }
            bars[at + f] = v;
        }
        if (plan.backtest && !(bars[at + ColumnLayout.CLOSE] > 0)) {
            int c = fields[ColumnLayout.CLOSE];
            badRow(line, columns.name(c), "\"" + r.text(c) + "\" is not positive; expected a close "
                    + "greater than 0 for the backtest's returns");
            return;
        }
        double uploaded = Double.NaN;
        int sigCol = columns.signal();
        if (sigCol >= 0) {
            uploaded = SignalValues.parse(numbers, r.array(sigCol), r.start(sigCol), r.end(sigCol));
            if (uploaded == SignalValues.INVALID) {
                badRow(line, columns.name(sigCol), "\"" + r.text(sigCol) + "\" is not a signal; expected "
                        + SignalValues.EXPECTED);
                return;
            }
        }
        bars[at + RowBatch.UPLOADED_SIGNAL] = uploaded;
        if (rows >= limits.maxRows()) {
            throw new LimitExceededException(plan.file, line, "max_rows", "more than " + limits.maxRows()
                    + " data rows; a file may have at most " + limits.maxRows());
        }
        if (state == null) {
            state = newState(symCol, line);
        }
        if (previous != null) {
            successor[previous.id] = state;
        }
        previous = state;
        readMillis[state.id] = millis;
        readLine[state.id] = line;
        rows++;
        batch.millis[row] = millis;
        batch.lineNumbers[row] = line;
        batch.symbols[row] = state;
        if (safeLines != null) {
            safeLines.append(r, batch);
            batch.lineEnds[row] = batch.linesLength;
        }
        batch.rows = row + 1;
    }

    /** The symbol of these bytes: first the one that followed the previous row's symbol last time, then the table. */
    private SymbolState find(byte[] bytes, int from, int to) {
        SymbolState before = previous;
        if (before != null) {
            SymbolState guess = successor[before.id];
            if (guess != null && Arrays.equals(guess.key, 0, guess.key.length, bytes, from, to)) {
                return guess;
            }
        }
        return symbols.find(bytes, from, to);
    }

    private SymbolState newState(int symCol, long line) {
        if (symCol < 0) {
            single = pipeline.newState(new byte[0], "", SymbolTable.hash(new byte[0], 0, 0), 0);
            readMillis[0] = Long.MIN_VALUE;
            return single;
        }
        if (symbols.size() >= limits.maxSymbols()) {
            throw new LimitExceededException(plan.file, line, "max_symbols", "more than " + limits.maxSymbols()
                    + " distinct symbols; a file may have at most " + limits.maxSymbols());
        }
        byte[] key = Arrays.copyOfRange(reader.array(symCol), reader.start(symCol), reader.end(symCol));
        int id = symbols.size();
        if (id == readMillis.length) {
            readMillis = Arrays.copyOf(readMillis, id * 2);
            readLine = Arrays.copyOf(readLine, id * 2);
            successor = Arrays.copyOf(successor, id * 2);
        }
        SymbolState state = pipeline.newState(key, new String(key, StandardCharsets.UTF_8),
                SymbolTable.hash(key, 0, key.length), id);
        readMillis[id] = Long.MIN_VALUE;
        symbols.add(state);
        return state;
    }

    private void badRow(long line, String column, String reason) {
        if (rowsSkipped >= allowedBadRows) {
            String suffix = allowedBadRows == 0 ? "" : " (" + rowsSkipped + " bad rows skipped before, max_bad_rows is "
                    + allowedBadRows + ")";
            throw new CsvFormatException(plan.file, line, column, reason + suffix);
        }
        rowsSkipped++;
        if (skippedRows.size() < limits.maxSkippedRowsListed()) {
            skippedRows.add(new SkippedRow(line, column, reason));
        }
    }

    /** Symbols in order of first appearance; read once reading has ended. */
    List<SymbolState> states() {
        return single != null ? List.of(single) : symbols.inOrder();
    }

    TimestampFormat format() {
        return format;
    }

    long rowsSkipped() {
        return rowsSkipped;
    }

    List<SkippedRow> skippedRows() {
        return skippedRows;
    }
}
