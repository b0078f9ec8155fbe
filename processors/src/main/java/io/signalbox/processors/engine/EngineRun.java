package io.signalbox.processors.engine;

import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.csv.InputDecoding;
import io.signalbox.processors.decimal.DecimalParser;
import io.signalbox.processors.decimal.DoubleFormatter;
import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * One run of the engine over one job's files: reads the header, compiles the plan, opens the signals beside the
 * prices, runs the stages over the rows and writes the summary.
 */
final class EngineRun {

    private final EngineInput input;
    private final Recipe recipe;
    private final EngineLimits limits;
    private final int threads;
    private final ProgressListener progress;
    private final String file;

    EngineRun(EngineInput input, Recipe recipe, EngineLimits limits, int threads, ProgressListener progress) {
        this.input = input;
        this.recipe = recipe;
        this.limits = limits;
        this.threads = threads;
        this.progress = progress;
        this.file = input.pricesName();
    }

    EngineReport run(OutputStream result, OutputStream summaryJson) {
        CsvReader reader = new CsvReader(InputDecoding.decode(input.prices(), file, limits.maxGzipRatio()), file,
                (byte) ',', limits.maxLineBytes(), limits.maxColumns());
        byte delimiter = reader.detectDelimiter();
        DecimalParser numbers = delimiter == ',' ? DecimalParser.point() : DecimalParser.pointOrComma();
        if (!reader.next()) {
            throw new CsvFormatException(file, 1, null, "the file is empty; expected a header line such as "
                    + "timestamp,symbol,open,high,low,close,volume");
        }
        requireText(reader);
        List<String> header = new ArrayList<>();
        for (int i = 0; i < reader.fieldCount(); i++) {
            header.add(reader.text(i).strip());
        }
        EnginePlan plan = EnginePlan.compile(recipe, file, header, delimiter, input.signals() != null);
        SignalsJoin join = plan.signalSource == SignalSource.SIGNALS_FILE
                ? SignalsJoin.open(input.signalsName(), input.signals(), plan.columns.symbol() >= 0, numbers, limits)
                : null;
        RowPipeline pipeline = new RowPipeline(plan, limits, join, result != null);
        boolean csv = recipe.output().format() == OutputSettings.Format.CSV;
        SafeLines safeLines = result == null || !csv ? null
                : new SafeLines(recipe.output().escapeFormulas(), delimiter, numbers, parsedColumns(plan));
        BarReader bars = new BarReader(reader, plan, limits, numbers, safeLines, pipeline);
        int workers = threads > 1 ? threads : 0;
        BatchPool pool = new BatchPool(threads > 1 ? 2 * workers + 4 : 1, plan.outputSlots.length);

        GZIPOutputStream gzip = null;
        ResultOutput output = null;
        if (result != null && !csv) {
            output = new ParquetOutput(result, plan, pool, threads > 1);
        } else if (result != null) {
            OutputStream target = result;
            if (recipe.output().gzip()) {
                try {
                    gzip = new GZIPOutputStream(result, 1 << 16);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the result failed", e);
                }
                target = gzip;
            }
            DoubleFormatter formatter = recipe.output().precision() == 0 ? DoubleFormatter.shortest()
                    : DoubleFormatter.withPrecision(recipe.output().precision());
            output = new CsvOutput(target, formatter, delimiter, header(reader, safeLines, plan, delimiter), pool,
                    workers);
        }
        Conveyor conveyor = new Conveyor(pool, bars, pipeline, output, progress);
        if (threads > 1) {
            conveyor.runReadingAhead();
        } else {
            conveyor.runInline();
        }
        List<SymbolState> states = bars.states();
        pipeline.finish(states);
        if (gzip != null) {
            try {
                gzip.finish();
                result.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing the result failed", e);
            }
        }
        long rows = pipeline.rows();
        progress.rowsRead(rows);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SymbolState s : states) {
            first = Math.min(first, s.firstMillis);
            last = Math.max(last, s.lastMillis);
        }
        EngineReport report = new EngineReport(rows, bars.rowsSkipped(), states.size(),
                rows == 0 ? null : Instant.ofEpochMilli(first), rows == 0 ? null : Instant.ofEpochMilli(last),
                join == null ? 0 : join.rows(), join == null ? 0 : join.matched(),
                join == null ? 0 : join.unmatched(), output == null ? 0 : output.rows());
        if (summaryJson != null) {
            new SummaryJson(plan, new RunTally(report, bars.format(), states, pipeline.trades(),
                    pipeline.tradesOmitted(), bars.skippedRows(), join, input.signalsName())).write(summaryJson);
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

    /** The columns whose every cell the reader parses (as a time, number or signal) before copying a row. */
    private static boolean[] parsedColumns(EnginePlan plan) {
        ColumnLayout columns = plan.columns;
        boolean[] parsed = new boolean[columns.header().size()];
        parsed[columns.timestamp()] = true;
        for (int column : columns.fields()) {
            if (column >= 0) {
                parsed[column] = true;
            }
        }
        if (columns.signal() >= 0) {
            parsed[columns.signal()] = true;
        }
        return parsed;
    }

    /** The result's header line: the input's header, made safe, then the computed columns' names. */
    private static byte[] header(CsvReader reader, SafeLines safeLines, EnginePlan plan, byte delimiter) {
        RowBatch line = new RowBatch(0);
        byte[] raw = reader.recordArray();
        int s = reader.recordStart();
        boolean bom = reader.recordEnd() - s >= 3 && (raw[s] & 0xff) == 0xef && (raw[s + 1] & 0xff) == 0xbb
                && (raw[s + 2] & 0xff) == 0xbf;
        safeLines.appendHeader(reader, line, bom ? 3 : 0);
        StringBuilder tail = new StringBuilder();
        for (String name : plan.outputNames) {
            tail.append((char) delimiter).append(name);
        }
        tail.append('\n');
        byte[] names = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[line.linesLength + names.length];
        System.arraycopy(line.lines, 0, all, 0, line.linesLength);
        System.arraycopy(names, 0, all, line.linesLength, names.length);
        return all;
    }
}
