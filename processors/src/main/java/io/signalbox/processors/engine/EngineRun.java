package io.signalbox.processors.engine;

import io.signalbox.processors.LimitExceededException;
import io.signalbox.processors.backtest.BacktestLedger;
import io.signalbox.processors.backtest.Trade;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.csv.InputDecoding;
import io.signalbox.processors.decimal.DecimalParser;
import io.signalbox.processors.decimal.DoubleFormatter;
import io.signalbox.processors.indicator.Indicator;
import io.signalbox.processors.recipe.IndicatorStep;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.signal.CompiledRules;
import io.signalbox.processors.signal.SignalRules;
import io.signalbox.processors.time.TimestampFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/** One run of the engine over one job's files: a single pass over the prices, the signals beside them. */
final class EngineRun {

    private static final int PROGRESS_EVERY = 1 << 16;
    private static final int FIELDS = 5;
    private static final String[] FIELD_NAMES = {"open", "high", "low", "close", "volume"};

    private final EngineInput input;
    private final Recipe recipe;
    private final EngineLimits limits;
    private final ProgressListener progress;
    private final String file;

    private final SymbolTable symbols = new SymbolTable();
    private SymbolState single;
    private final List<Trade> trades = new ArrayList<>();
    private long tradesOmitted;
    private final List<SkippedRow> skippedRows = new ArrayList<>();
    private long rowsSkipped;

    private DecimalParser numbers;
    private List<String> header;
    private byte delimiter;
    private TimestampFormat format;
    private final int[] fieldColumns = new int[FIELDS];
    private int timestampColumn;
    private int symbolColumn;
    private int signalColumn;
    private IndicatorStep[] steps;
    private int[] stepOffsets;
    private int width;
    private int signalSlot;
    private int backtestSlot;
    private List<String> outputNames;
    private int[] outputSlots;
    private CompiledRules rules;
    private boolean uploaded;
    private String signalSource;
    private SignalsJoin join;
    private long lastBarMillis = Long.MIN_VALUE;
    private boolean pricesTimeOrdered = true;

    EngineRun(EngineInput input, Recipe recipe, EngineLimits limits, ProgressListener progress) {
        this.input = input;
        this.recipe = recipe;
        this.limits = limits;
        this.progress = progress;
        this.file = input.pricesName();
    }

    EngineReport run(OutputStream resultCsv, OutputStream summaryJson) {
        CsvReader reader = new CsvReader(InputDecoding.decode(input.prices(), file, limits.maxGzipRatio()), file,
                (byte) ',', limits.maxLineBytes(), limits.maxColumns());
        delimiter = reader.detectDelimiter();
        numbers = delimiter == ',' ? DecimalParser.point() : DecimalParser.pointOrComma();
        if (!reader.next()) {
            throw new CsvFormatException(file, 1, null, "the file is empty; expected a header line such as "
                    + "timestamp,symbol,open,high,low,close,volume");
        }
        requireText(reader);
        header = new ArrayList<>();
        for (int i = 0; i < reader.fieldCount(); i++) {
            header.add(reader.text(i).strip());
        }
        resolveColumns();
        openSignals();

        OutputStream target = resultCsv;
        GZIPOutputStream gzip = null;
        RowSink writer = null;
        if (resultCsv != null) {
            if (recipe.output().gzip()) {
                try {
                    gzip = new GZIPOutputStream(resultCsv, 1 << 16);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the result failed", e);
                }
                target = gzip;
            }
            DoubleFormatter formatter = recipe.output().precision() == 0 ? DoubleFormatter.shortest()
                    : DoubleFormatter.withPrecision(recipe.output().precision());
            writer = new BackgroundRowSink(new ResultWriter(target, formatter, delimiter), outputSlots.length,
                    formatter, delimiter);
        }
        long rows;
        try {
            if (writer != null) {
                writeHeader(writer, reader);
            }
            rows = readRows(reader, writer);
            if (writer != null) {
                writer.finish();
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        if (join != null) {
            join.finish();
        }
        for (SymbolState state : symbols.inOrder()) {
            if (state.ledger != null) {
                state.ledger.finish();
            }
        }
        if (single != null && single.ledger != null) {
            single.ledger.finish();
        }
        if (writer != null) {
            if (gzip != null) {
                try {
                    gzip.finish();
                    resultCsv.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the result failed", e);
                }
            }
        }
        progress.rowsRead(rows);
        List<SymbolState> states = states();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SymbolState s : states) {
            first = Math.min(first, s.firstMillis);
            last = Math.max(last, s.lastMillis);
        }
        EngineReport report = new EngineReport(rows, rowsSkipped, states.size(),
                rows == 0 ? null : Instant.ofEpochMilli(first), rows == 0 ? null : Instant.ofEpochMilli(last),
                join == null ? 0 : join.rows(), join == null ? 0 : join.matched(),
                join == null ? 0 : join.unmatched(), writer == null ? 0 : writer.rows());
        if (summaryJson != null) {
            Map<String, String> columnNames = new LinkedHashMap<>();
            columnNames.put("timestamp", header.get(timestampColumn));
            if (symbolColumn >= 0) {
                columnNames.put("symbol", header.get(symbolColumn));
            }
            for (int f = 0; f < FIELDS; f++) {
                if (fieldColumns[f] >= 0) {
                    columnNames.put(FIELD_NAMES[f], header.get(fieldColumns[f]));
                }
            }
            if (signalColumn >= 0) {
                columnNames.put("signal", header.get(signalColumn));
            }
            new SummaryJson(recipe, file, report, delimiter, format, columnNames, signalSource, join,
                    input.signalsName(), outputNames, states, trades, tradesOmitted, skippedRows).write(summaryJson);
        }
        return report;
    }

    /** A header with control bytes means the upload is no text file at all; say so rather than list garbage. */
    private void requireText(CsvReader reader) {
        byte[] raw = reader.recordArray();
        for (int i = reader.recordStart(); i < reader.recordEnd(); i++) {
            int b = raw[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                throw new CsvFormatException(file, 1, null, String.format(Locale.ROOT, "found the control byte 0x%02x "
                        + "in the header%s; expected UTF-8 CSV text, optionally gzip-compressed", b,
                        b == 0 ? " (UTF-16 text or a binary file)" : ", so this is not a text file"));
            }
        }
    }

    private List<SymbolState> states() {
        return single != null ? List.of(single) : symbols.inOrder();
    }

    private void resolveColumns() {
        Map<String, String> mapped = recipe.columns();
        Set<String> needed = new LinkedHashSet<>();
        Map<String, String> why = new LinkedHashMap<>();
        for (IndicatorStep step : recipe.indicators()) {
            for (String in : step.inputs()) {
                needed.add(in);
                why.putIfAbsent(in, "needed by " + step.columns().get(0));
            }
        }
        if (recipe.signal() != null) {
            for (String column : ruleColumns(recipe.signal())) {
                if (List.of(FIELD_NAMES).contains(column)) {
                    needed.add(column);
                    why.putIfAbsent(column, "read by the signal rules");
                }
            }
        }
        if (recipe.backtest() != null) {
            needed.add("close");
            why.putIfAbsent("close", "needed by the backtest");
        }
        timestampColumn = PriceColumns.require(header, "timestamp", mapped.get("timestamp"), file,
                "every bar needs a time");
        symbolColumn = PriceColumns.find(header, "symbol", mapped.get("symbol"), file);
        for (int f = 0; f < FIELDS; f++) {
            String name = FIELD_NAMES[f];
            fieldColumns[f] = needed.contains(name)
                    ? PriceColumns.require(header, name, mapped.get(name), file, why.get(name))
                    : -1;
        }
        signalColumn = PriceColumns.find(header, "signal", mapped.get("signal"), file);
        if (recipe.timestampFormat() != null) {
            format = TimestampFormat.named(recipe.timestampFormat());
        }

        steps = recipe.indicators().toArray(new IndicatorStep[0]);
        stepOffsets = new int[steps.length];
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int f = 0; f < FIELDS; f++) {
            slots.put(FIELD_NAMES[f], f);
        }
        int slot = FIELDS;
        for (int i = 0; i < steps.length; i++) {
            stepOffsets[i] = slot;
            for (String column : steps[i].columns()) {
                slots.put(column, slot++);
            }
        }
        signalSlot = slot++;
        backtestSlot = slot;
        slots.put(Recipe.SIGNAL_COLUMN, signalSlot);
        for (String column : Recipe.BACKTEST_COLUMNS) {
            slots.put(column, slot++);
        }
        width = slot;

        Set<String> inputNames = new HashSet<>();
        for (String h : header) {
            inputNames.add(h.toLowerCase(Locale.ROOT));
        }
        outputNames = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        for (String column : recipe.outputColumns()) {
            if (inputNames.contains(column)) {
                if (column.equals(Recipe.SIGNAL_COLUMN)) {
                    continue;
                }
                throw new CsvFormatException(file, 1, column, "the header already has a column named " + column
                        + ", which the recipe computes; expected the input to use another name");
            }
            outputNames.add(column);
            outputs.add(slots.get(column));
        }
        outputSlots = outputs.stream().mapToInt(Integer::intValue).toArray();
        if (recipe.signal() != null && recipe.signal().hasRules()) {
            rules = new CompiledRules(recipe.signal(), slots::get);
        }
    }

    private static Set<String> ruleColumns(SignalRules rules) {
        Set<String> columns = new LinkedHashSet<>();
        if (rules.longWhen() != null) {
            columns.addAll(rules.longWhen().columns());
        }
        if (rules.shortWhen() != null) {
            columns.addAll(rules.shortWhen().columns());
        }
        if (rules.flatWhen() != null) {
            columns.addAll(rules.flatWhen().columns());
        }
        return columns;
    }

    private void openSignals() {
        SignalRules signal = recipe.signal();
        boolean hasFile = input.signals() != null;
        boolean hasColumn = signalColumn >= 0;
        if (hasFile && hasColumn) {
            throw new CsvFormatException(file, 1, header.get(signalColumn), "the prices file has a signal column "
                    + "and a signals file was given too; expected one source of signals");
        }
        if (signal == null) {
            signalSource = "none";
            signalColumn = -1;
            return;
        }
        uploaded = switch (signal.source()) {
            case RULES -> false;
            case UPLOADED -> true;
            case AUTO -> hasFile || hasColumn || !signal.hasRules();
        };
        if (uploaded && !hasFile && !hasColumn) {
            throw new CsvFormatException(file, 1, null, "the recipe takes uploaded signals, but the prices file has "
                    + "no signal column and no signals file was given; expected one of them");
        }
        if (!uploaded) {
            signalSource = "rules";
            signalColumn = -1;
            return;
        }
        if (hasColumn) {
            signalSource = "prices_column";
            return;
        }
        signalSource = "signals_file";
        String name = input.signalsName();
        CsvReader reader = new CsvReader(InputDecoding.decode(input.signals(), name, limits.maxGzipRatio()), name,
                (byte) ',', limits.maxLineBytes(), limits.maxColumns());
        reader.detectDelimiter();
        if (!reader.next()) {
            throw new CsvFormatException(name, 1, null, "the file is empty; expected a header line such as "
                    + "timestamp,symbol,signal");
        }
        List<String> signalsHeader = new ArrayList<>();
        for (int i = 0; i < reader.fieldCount(); i++) {
            signalsHeader.add(reader.text(i).strip());
        }
        int ts = PriceColumns.require(signalsHeader, "timestamp", null, name, "every signal needs a time");
        int sig = PriceColumns.require(signalsHeader, "signal", null, name, "the signals themselves");
        int sym = -1;
        if (symbolColumn >= 0) {
            sym = PriceColumns.require(signalsHeader, "symbol", null, name, "the prices file has symbols");
        }
        join = new SignalsJoin(reader, name, numbers, signalsHeader, ts, sym, sig, null);
    }

    private void writeHeader(RowSink writer, CsvReader reader) {
        StringBuilder line = new StringBuilder();
        String sep = String.valueOf((char) delimiter);
        for (String name : outputNames) {
            line.append(sep).append(name);
        }
        line.append('\n');
        byte[] raw = Arrays.copyOfRange(reader.recordArray(), reader.recordStart(), reader.recordEnd());
        int skip = raw.length >= 3 && (raw[0] & 0xff) == 0xef && (raw[1] & 0xff) == 0xbb && (raw[2] & 0xff) == 0xbf
                ? 3 : 0;
        byte[] tail = line.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[raw.length - skip + tail.length];
        System.arraycopy(raw, skip, all, 0, raw.length - skip);
        System.arraycopy(tail, 0, all, raw.length - skip, tail.length);
        writer.text(all);
    }

    private long readRows(CsvReader reader, RowSink writer) {
        long rows = 0;
        while (reader.next()) {
            if (processRow(reader, writer, rows)) {
                rows++;
                if ((rows & (PROGRESS_EVERY - 1)) == 0) {
                    progress.rowsRead(rows);
                }
            }
        }
        return rows;
    }

    /** Reads, computes and writes one row; false when it was skipped as a bad row. */
    private boolean processRow(CsvReader reader, RowSink writer, long rows) {
        final int columns = header.size();
        final int[] fc = fieldColumns;
        final int tsCol = timestampColumn;
        final int symCol = symbolColumn;
        final int sigCol = signalColumn;
        final boolean backtest = recipe.backtest() != null;
        final boolean hasSignal = recipe.signal() != null;
        final boolean hold = hasSignal && recipe.signal().holdOtherwise();
        long line = reader.line();
        if (reader.fieldCount() != columns) {
            badRow(line, null, "found " + reader.fieldCount() + " fields; expected " + columns + " like the "
                    + "header");
            return false;
        }
        byte[] tb = reader.array(tsCol);
        int tStart = reader.start(tsCol);
        int tEnd = reader.end(tsCol);
        if (format == null) {
            format = TimestampFormat.detect(tb, tStart, tEnd);
            if (format == null) {
                throw new CsvFormatException(file, line, header.get(tsCol), "\"" + reader.text(tsCol)
                        + "\" is not a timestamp; expected an ISO-8601 date or date-time such as "
                        + "2024-01-02T09:30:00Z, a date such as 20240102, or epoch seconds or milliseconds");
            }
        }
        long millis = format.parse(tb, tStart, tEnd);
        if (millis == TimestampFormat.INVALID) {
            badRow(line, header.get(tsCol), "\"" + reader.text(tsCol) + "\" is not a timestamp in the format of "
                    + "the first row; expected " + format.description());
            return false;
        }
        SymbolState state;
        if (symCol >= 0) {
            state = symbols.find(reader.array(symCol), reader.start(symCol), reader.end(symCol));
        } else {
            state = single;
        }
        if (state != null && millis <= state.lastMillis) {
            badRow(line, header.get(tsCol), "time " + reader.text(tsCol) + " is not after "
                    + TimestampFormat.iso(state.lastMillis) + " on line " + state.lastLine + symbolPhrase(state)
                    + "; expected time to increase within each symbol");
            return false;
        }
        double open = Double.NaN;
        double high = Double.NaN;
        double low = Double.NaN;
        double close = Double.NaN;
        double volume = Double.NaN;
        boolean ok = true;
        for (int f = 0; f < FIELDS && ok; f++) {
            int c = fc[f];
            if (c < 0) {
                continue;
            }
            double v = numbers.parse(reader.array(c), reader.start(c), reader.end(c));
            if (v != v) {
                String text = reader.text(c);
                badRow(line, header.get(c), text.isEmpty() ? "empty; expected a number"
                        : "\"" + text + "\" is not a number; expected a decimal number such as 12.5");
                ok = false;
                break;
            }
            switch (f) {
                case 0 -> open = v;
                case 1 -> high = v;
                case 2 -> low = v;
                case 3 -> close = v;
                default -> volume = v;
            }
        }
        if (!ok) {
            return false;
        }
        if (backtest && !(close > 0)) {
            badRow(line, header.get(fc[3]), "\"" + reader.text(fc[3]) + "\" is not positive; expected a close "
                    + "greater than 0 for the backtest's returns");
            return false;
        }
        double uploadedSignal = Double.NaN;
        if (sigCol >= 0) {
            uploadedSignal = SignalValues.parse(numbers, reader.array(sigCol), reader.start(sigCol),
                    reader.end(sigCol));
            if (uploadedSignal == SignalValues.INVALID) {
                badRow(line, header.get(sigCol), "\"" + reader.text(sigCol) + "\" is not a signal; expected "
                        + SignalValues.EXPECTED);
                return false;
            }
        }
        if (rows >= limits.maxRows()) {
            throw new LimitExceededException(file, line, "max_rows", "more than " + limits.maxRows()
                    + " data rows; a file may have at most " + limits.maxRows());
        }
        if (state == null) {
            state = newState(reader, symCol, line);
        }
        if (millis < lastBarMillis) {
            pricesTimeOrdered = false;
        }
        if (state.rows == 0) {
            state.firstMillis = millis;
        }
        state.rows++;
        double[] v = state.values;
        v[0] = open;
        v[1] = high;
        v[2] = low;
        v[3] = close;
        v[4] = volume;
        Indicator[] indicators = state.indicators;
        for (int i = 0; i < indicators.length; i++) {
            indicators[i].update(millis, open, high, low, close, volume, v, stepOffsets[i]);
        }
        if (hasSignal) {
            double signal;
            if (uploaded) {
                if (join != null) {
                    uploadedSignal = join.signalFor(symbols, single, state, millis,
                            pricesTimeOrdered && symbols.size() > 1);
                }
                signal = uploadedSignal == uploadedSignal ? uploadedSignal
                        : CompiledRules.withoutSignal(hold, state.signal);
            } else {
                signal = rules.signal(v, state.previous, state.signal);
            }
            state.signal = signal;
            v[signalSlot] = signal;
            if (backtest) {
                BacktestLedger ledger = state.ledger;
                ledger.update(millis, close, signal);
                v[backtestSlot] = ledger.position();
                v[backtestSlot + 1] = ledger.barReturn();
                v[backtestSlot + 2] = ledger.strategyReturn();
                v[backtestSlot + 3] = ledger.equity();
                v[backtestSlot + 4] = ledger.drawdown();
            }
        }
        state.lastMillis = millis;
        state.lastLine = line;
        lastBarMillis = millis;
        if (writer != null) {
            writer.row(reader.recordArray(), reader.recordStart(), reader.recordEnd(), v, outputSlots);
        }
        state.values = state.previous;
        state.previous = v;
        return true;
    }

    private String symbolPhrase(SymbolState state) {
        return state == single ? "" : " for symbol " + state.name;
    }

    private SymbolState newState(CsvReader reader, int symCol, long line) {
        Indicator[] indicators = new Indicator[steps.length];
        for (int i = 0; i < steps.length; i++) {
            indicators[i] = steps[i].create();
        }
        if (symCol < 0) {
            single = new SymbolState(new byte[0], "", 0, indicators, ledger(""), width);
            return single;
        }
        if (symbols.size() >= limits.maxSymbols()) {
            throw new LimitExceededException(file, line, "max_symbols", "more than " + limits.maxSymbols()
                    + " distinct symbols; a file may have at most " + limits.maxSymbols());
        }
        int from = reader.start(symCol);
        int to = reader.end(symCol);
        byte[] key = Arrays.copyOfRange(reader.array(symCol), from, to);
        String name = new String(key, StandardCharsets.UTF_8);
        SymbolState state = new SymbolState(key, name, SymbolTable.hash(key, 0, key.length), indicators,
                ledger(name), width);
        symbols.add(state);
        return state;
    }

    private BacktestLedger ledger(String symbol) {
        if (recipe.backtest() == null) {
            return null;
        }
        Consumer<Trade> sink = recipe.backtest().trades() ? this::keepTrade : null;
        return new BacktestLedger(recipe.backtest(), symbol, sink);
    }

    private void keepTrade(Trade trade) {
        if (trades.size() < limits.maxTradesListed()) {
            trades.add(trade);
        } else {
            tradesOmitted++;
        }
    }

    private void badRow(long line, String column, String reason) {
        long allowed = Math.min(recipe.maxBadRows(), limits.maxBadRows());
        if (rowsSkipped >= allowed) {
            String suffix = allowed == 0 ? "" : " (" + rowsSkipped + " bad rows skipped before, max_bad_rows is "
                    + allowed + ")";
            throw new CsvFormatException(file, line, column, reason + suffix);
        }
        rowsSkipped++;
        if (skippedRows.size() < limits.maxSkippedRowsListed()) {
            skippedRows.add(new SkippedRow(line, column, reason));
        }
    }


}
