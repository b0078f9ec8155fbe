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

    private final EnginePlan plan;
    private final Recipe recipe;
    private final RunTally tally;
    private final EngineReport report;

    SummaryJson(EnginePlan plan, RunTally tally) {
        this.plan = plan;
        this.recipe = plan.recipe;
        this.tally = tally;
        this.report = tally.report();
    }

    void write(OutputStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingStream(out), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("recipe", recipe.name());
            g.writeObjectFieldStart("input");
            g.writeStringField("file", plan.file);
            g.writeNumberField("rows", report.rows());
            g.writeNumberField("rows_skipped", report.rowsSkipped());
            g.writeNumberField("symbols", report.symbols());
            g.writeStringField("delimiter", String.valueOf((char) plan.columns.delimiter()));
            g.writeStringField("timestamp_format", tally.timestampFormat() == null ? null
                    : tally.timestampFormat().name());
            g.writeObjectFieldStart("columns");
            for (Map.Entry<String, String> column : plan.columns.namesByField().entrySet()) {
                g.writeStringField(column.getKey(), column.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();

            g.writeObjectFieldStart("signals");
            g.writeStringField("source", plan.signalSource.summaryName);
            SignalsJoin join = tally.join();
            if (join != null) {
                g.writeStringField("file", tally.signalsName());
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
            for (String name : plan.outputNames) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeNumberField("precision", recipe.output().precision());
            g.writeBooleanField("gzip", recipe.output().gzip());
            g.writeEndObject();

            writeConventions(g);

            List<SymbolState> states = tally.states();
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
            if (recipe.backtest() != null) {
                writeCurves(g, states);
            }

            if (recipe.backtest() != null && recipe.backtest().trades()) {
                g.writeArrayFieldStart("trades");
                for (Trade t : tally.trades()) {
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
                g.writeNumberField("trades_omitted", tally.tradesOmitted());
            }
            g.writeArrayFieldStart("skipped_rows");
            for (SkippedRow row : tally.skippedRows()) {
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

    /** The downsampled equity and drawdown curve of every symbol; docs/summary.md says how they are sampled. */
    private static void writeCurves(JsonGenerator g, List<SymbolState> states) throws IOException {
        g.writeObjectFieldStart("curves");
        DoubleFormatter shortest = DoubleFormatter.shortest();
        for (SymbolState s : states) {
            EquityCurve curve = s.curve;
            g.writeObjectFieldStart(s.name);
            g.writeArrayFieldStart("t");
            for (int i = 0; i < curve.points(); i++) {
                long millis = curve.millis(i);
                if (millis % 1000 == 0) {
                    g.writeNumber(millis / 1000);
                } else {
                    g.writeNumber(shortest.toString(millis / 1000.0));
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("equity");
            for (int i = 0; i < curve.points(); i++) {
                number(g, null, curve.equity(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("drawdown");
            for (int i = 0; i < curve.points(); i++) {
                number(g, null, curve.drawdown(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
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
