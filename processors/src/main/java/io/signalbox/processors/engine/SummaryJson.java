package io.signalbox.processors.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.signalbox.processors.backtest.Trade;
import io.signalbox.processors.decimal.DoubleFormatter;
import io.signalbox.processors.indicator.Indicators;
import io.signalbox.processors.recipe.IndicatorStep;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.summary.Performance;
import io.signalbox.processors.summary.SeriesTotals;
import io.signalbox.processors.time.TimestampFormat;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the summary JSON of a finished run; its fields and formulas are described in docs/summary.md. */
final class SummaryJson {

    private final Recipe recipe;
    private final String file;
    private final EngineReport report;
    private final byte delimiter;
    private final TimestampFormat format;
    private final Map<String, String> columns;
    private final String signalSource;
    private final SignalsJoin join;
    private final String signalsName;
    private final List<String> outputNames;
    private final List<SymbolState> states;
    private final List<Trade> trades;
    private final long tradesOmitted;
    private final List<SkippedRow> skippedRows;

    SummaryJson(Recipe recipe, String file, EngineReport report, byte delimiter, TimestampFormat format,
            Map<String, String> columns, String signalSource, SignalsJoin join, String signalsName,
            List<String> outputNames, List<SymbolState> states, List<Trade> trades, long tradesOmitted,
            List<SkippedRow> skippedRows) {
        this.recipe = recipe;
        this.file = file;
        this.report = report;
        this.delimiter = delimiter;
        this.format = format;
        this.columns = columns;
        this.signalSource = signalSource;
        this.join = join;
        this.signalsName = signalsName;
        this.outputNames = outputNames;
        this.states = states;
        this.trades = trades;
        this.tradesOmitted = tradesOmitted;
        this.skippedRows = skippedRows;
    }

    void write(OutputStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingStream(out), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("recipe", recipe.name());
            g.writeObjectFieldStart("input");
            g.writeStringField("file", file);
            g.writeNumberField("rows", report.rows());
            g.writeNumberField("rows_skipped", report.rowsSkipped());
            g.writeNumberField("symbols", report.symbols());
            g.writeStringField("delimiter", String.valueOf((char) delimiter));
            g.writeStringField("timestamp_format", format == null ? null : format.name());
            g.writeObjectFieldStart("columns");
            for (Map.Entry<String, String> column : columns.entrySet()) {
                g.writeStringField(column.getKey(), column.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();

            g.writeObjectFieldStart("signals");
            g.writeStringField("source", signalSource);
            if (join != null) {
                g.writeStringField("file", signalsName);
                g.writeNumberField("rows", join.rows());
                g.writeNumberField("matched", join.matched());
                g.writeNumberField("unmatched", join.unmatched());
                if (join.firstUnmatchedLine() > 0) {
                    g.writeNumberField("first_unmatched_line", join.firstUnmatchedLine());
                }
            }
            g.writeEndObject();

            g.writeObjectFieldStart("output");
            g.writeNumberField("rows", report.outputRows());
            g.writeArrayFieldStart("columns");
            for (String name : outputNames) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeNumberField("precision", recipe.output().precision());
            g.writeBooleanField("gzip", recipe.output().gzip());
            g.writeEndObject();

            writeConventions(g);

            List<SeriesTotals> totals = new ArrayList<>();
            for (SymbolState s : states) {
                totals.add(s.ledger == null ? null : SeriesTotals.of(s.ledger.stats()));
            }
            g.writeObjectFieldStart("all");
            long first = report.firstTimestamp() == null ? 0 : report.firstTimestamp().toEpochMilli();
            long last = report.lastTimestamp() == null ? 0 : report.lastTimestamp().toEpochMilli();
            writeSeries(g, report.rows(), first, last,
                    recipe.backtest() == null || states.isEmpty() ? null : SeriesTotals.pool(totals));
            g.writeEndObject();
            g.writeObjectFieldStart("symbols");
            for (int i = 0; i < states.size(); i++) {
                SymbolState s = states.get(i);
                g.writeObjectFieldStart(s.name);
                writeSeries(g, s.rows, s.firstMillis, s.lastMillis, totals.get(i));
                g.writeEndObject();
            }
            g.writeEndObject();

            if (recipe.backtest() != null && recipe.backtest().trades()) {
                g.writeArrayFieldStart("trades");
                for (Trade t : trades) {
                    g.writeStartObject();
                    g.writeStringField("symbol", t.symbol());
                    g.writeStringField("side", t.side());
                    g.writeStringField("entry", TimestampFormat.iso(t.entryMillis()));
                    g.writeStringField("exit", TimestampFormat.iso(t.exitMillis()));
                    g.writeNumberField("bars", t.bars());
                    number(g, "return", t.tradeReturn());
                    g.writeBooleanField("open", t.open());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("trades_omitted", tradesOmitted);
            }
            g.writeArrayFieldStart("skipped_rows");
            for (SkippedRow row : skippedRows) {
                g.writeStartObject();
                g.writeNumberField("line", row.line());
                g.writeStringField("column", row.column());
                g.writeStringField("reason", row.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the summary failed", e);
        }
    }

    private void writeSeries(JsonGenerator g, long rows, long first, long last, SeriesTotals totals)
            throws IOException {
        g.writeNumberField("rows", rows);
        g.writeStringField("first_timestamp", rows == 0 ? null : TimestampFormat.iso(first));
        g.writeStringField("last_timestamp", rows == 0 ? null : TimestampFormat.iso(last));
        if (totals == null) {
            return;
        }
        Performance p = Performance.of(totals, (last - first) / SeriesTotals.MILLIS_PER_YEAR,
                recipe.backtest().periodsPerYear(), recipe.backtest().riskFreeRate());
        number(g, "periods_per_year", p.periodsPerYear());
        number(g, "total_return", p.totalReturn());
        number(g, "cagr", p.cagr());
        number(g, "volatility", p.volatility());
        number(g, "sharpe", p.sharpe());
        number(g, "sortino", p.sortino());
        number(g, "max_drawdown", p.maxDrawdown());
        number(g, "calmar", p.calmar());
        g.writeNumberField("trades", p.trades());
        number(g, "win_rate", p.winRate());
        number(g, "profit_factor", p.profitFactor());
        number(g, "exposure", p.exposure());
    }

    private void writeConventions(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("conventions");
        g.writeStringField("formulas", "docs/summary.md");
        g.writeStringField("timestamps", "UTC; times without an offset are read as UTC");
        g.writeStringField("years", "365.25 days");
        if (recipe.backtest() != null) {
            var b = recipe.backtest();
            g.writeStringField("mode", b.longShort() ? "long_short" : "long_only");
            g.writeStringField("position", "signal of the previous bar of the same symbol (no look-ahead)");
            g.writeStringField("returns", "simple: close / previous close - 1");
            number(g, "fee_bps", b.feeBps());
            number(g, "slippage_bps", b.slippageBps());
            g.writeStringField("cost", "|position - previous position| * (fee_bps + slippage_bps) / 10000, charged "
                    + "on the bar the new position is first held");
            g.writeObjectFieldStart("periods_per_year");
            if (b.periodsPerYear() != null) {
                g.writeStringField("source", "recipe");
                number(g, "value", b.periodsPerYear());
            } else {
                g.writeStringField("source", "timestamps");
                g.writeStringField("derivation", "strategy returns / years between the first and last timestamp "
                        + "(per symbol; pooled over symbols for all: sum of returns / sum of years)");
            }
            g.writeEndObject();
            g.writeNumberField("ddof", 1);
            number(g, "risk_free_rate", b.riskFreeRate());
            g.writeStringField("risk_free_per_bar", "risk_free_rate / periods_per_year");
            g.writeNumberField("sortino_target", 0);
            g.writeNumberField("sortino_ddof", 0);
            g.writeStringField("all", "pooled over symbols: total_return is the mean of the symbols' total "
                    + "returns; mean, volatility, Sharpe and Sortino pool every symbol's strategy returns; "
                    + "max_drawdown is the worst symbol's; trades, win rate, profit factor and exposure pool all "
                    + "trades and bars");
        }
        g.writeArrayFieldStart("indicators");
        for (IndicatorStep step : recipe.indicators()) {
            g.writeStartObject();
            g.writeStringField("type", step.type());
            g.writeObjectFieldStart("params");
            for (var parameter : Indicators.spec(step.type()).parameters()) {
                Object value = step.params().containsKey(parameter.name()) ? step.params().get(parameter.name())
                        : parameter.defaultValue();
                g.writeFieldName(parameter.name());
                if (value instanceof Number n) {
                    number(g, null, n.doubleValue());
                } else if (value == null) {
                    g.writeNull();
                } else {
                    g.writeString(value.toString());
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("columns");
            for (String column : step.columns()) {
                g.writeString(column);
            }
            g.writeEndArray();
            g.writeNumberField("lookback", step.lookback());
            g.writeStringField("definition", Indicators.spec(step.type()).description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (name != null) {
            g.writeFieldName(name);
        }
        if (value == null || !Double.isFinite(value)) {
            g.writeNull();
        } else {
            g.writeNumber(DoubleFormatter.shortest().toString(value));
        }
    }

    private static final class NonClosingStream extends FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
