package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.processors.LimitExceededException;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SignalEngineTest {

    private static final Recipe SMA = Recipes.parse("""
            {"version": 1, "indicators": [{"type": "sma", "window": 2}]}""");

    private static final String HEADER = "timestamp,symbol,open,high,low,close,volume\n";

    @Test
    void copiesInputLinesAsGivenAndAppendsComputedColumns() {
        EngineFixture run = EngineFixture.run("Date,Adj Close,Note\n"
                + "2024-01-01,10.50,\"a, quoted\"\n2024-01-02,11.5,x\n2024-01-03,1.25e1,y\n", SMA);
        assertThat(new String(run.csv, StandardCharsets.UTF_8)).isEqualTo("Date,Adj Close,Note,sma_2\n"
                + "2024-01-01,10.50,\"a, quoted\",\n2024-01-02,11.5,x,11\n2024-01-03,1.25e1,y,12\n");
        assertThat(run.report.rows()).isEqualTo(3);
        assertThat(run.report.symbols()).isEqualTo(1);
        assertThat(run.report.outputRows()).isEqualTo(3);
    }

    @Test
    void readsColumnsAndTimestampFormatNamedByTheRecipe() {
        Recipe recipe = Recipes.parse("""
                {"version": 1, "columns": {"timestamp": "when", "symbol": "Instrument", "close": "Last"},
                 "timestamp_format": "epoch_millis", "indicators": [{"type": "sma", "window": 2}]}""");
        EngineFixture run = EngineFixture.run("when,Instrument,close,Last\n1704067200000,X,0,10\n"
                + "1704153600000,X,0,20\n", recipe);
        assertThat(run.cell(1, "sma_2")).isEqualTo("15");
        assertThat(run.summary.get("input").get("columns").get("close").asText()).isEqualTo("Last");
        assertThat(run.summary.get("symbols").get("X").get("first_timestamp").asText())
                .isEqualTo("2024-01-01T00:00:00Z");
        Recipe missing = Recipes.parse("{\"version\": 1, \"columns\": {\"close\": \"Settle\"}, "
                + "\"indicators\": [{\"type\": \"sma\"}]}");
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,1\n", missing))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("prices.csv line 1: the recipe maps close to column \"Settle\", which the header does "
                        + "not have; found columns \"date\", \"close\"");
    }

    @Test
    void dropsTheByteOrderMarkAndCarriageReturnsFromTheResult() {
        byte[] body = "date,close\r\n2024-01-01,1\r\n2024-01-02,3\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(body, 0, withBom, 3, body.length);
        EngineFixture run = EngineFixture.run(withBom, null, SMA, true);
        assertThat(new String(run.csv, StandardCharsets.UTF_8))
                .isEqualTo("date,close,sma_2\n2024-01-01,1,\n2024-01-02,3,2\n");
    }

    @Test
    void findsColumnsByTheirUsualShortNames() {
        Recipe recipe = Recipes.parse("{\"version\": 1, \"indicators\": [{\"type\": \"atr\", \"window\": 1}]}");
        EngineFixture run = EngineFixture.run("t,pair,o,h,l,c,v\n1704067200000,BTCUSDT,1,3,1,2,5\n"
                + "1704153600000,BTCUSDT,2,4,2,3,5\n", recipe);
        assertThat(run.summary.get("input").get("columns").toString())
                .isEqualTo("{\"timestamp\":\"t\",\"symbol\":\"pair\",\"high\":\"h\",\"low\":\"l\",\"close\":\"c\"}");
        assertThat(run.cell(1, "atr_1")).isEqualTo("2");
    }

    @Test
    void keepsSeparateStateForInterleavedSymbols() {
        EngineFixture run = EngineFixture.run(HEADER
                + "2024-01-01,A,0,0,0,10,0\n2024-01-01,B,0,0,0,100,0\n"
                + "2024-01-02,A,0,0,0,20,0\n2024-01-02,B,0,0,0,300,0\n", SMA);
        assertThat(run.cell(2, "sma_2")).isEqualTo("15");
        assertThat(run.cell(3, "sma_2")).isEqualTo("200");
        assertThat(run.summary.get("symbols").fieldNames()).toIterable().containsExactly("A", "B");
    }

    @Test
    void readsSemicolonFilesWithDecimalCommas() {
        EngineFixture run = EngineFixture.run("date;close\n2024-01-01;10,5\n2024-01-02;11,5\n", SMA);
        assertThat(new String(run.csv, StandardCharsets.UTF_8))
                .isEqualTo("date;close;sma_2\n2024-01-01;10,5;\n2024-01-02;11,5;11\n");
    }

    @Test
    void readsGzipInputAndWritesGzipOutputWhenAsked() throws IOException {
        byte[] plain = (HEADER + "2024-01-01,A,1,1,1,1,1\n2024-01-02,A,1,1,1,3,1\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(plain);
        }
        Recipe recipe = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "sma", "window": 2}], "output": {"gzip": true}}""");
        EngineFixture run = EngineFixture.run(compressed.toByteArray(), null, recipe, true);
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(run.csv)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text).endsWith("2024-01-02,A,1,1,1,3,1,2\n");
    }

    @Test
    void roundsToThePrecisionAsked() {
        Recipe recipe = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "sma", "window": 3}], "output": {"precision": 4}}""");
        EngineFixture run = EngineFixture.run("date,close\n2024-01-01,1\n2024-01-02,1\n2024-01-03,2\n", recipe);
        assertThat(run.cell(2, "sma_3")).isEqualTo("1.333");
    }

    @Test
    void writesOnlyTheSelectedColumns() {
        Recipe recipe = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "macd"}], "output": {"columns": ["macd_hist_12_26_9"]}}""");
        EngineFixture run = EngineFixture.run("date,close\n2024-01-01,1\n", recipe);
        assertThat(run.header).containsExactly("date", "close", "macd_hist_12_26_9");
    }

    @Test
    void summaryOnlyGivesTheSameSummaryWithoutWritingRows() {
        ByteArrayOutputStream prices = new ByteArrayOutputStream();
        SamplePrices.builder().rows(4000).symbols(4).build().writeTo(prices);
        EngineFixture full = EngineFixture.run(prices.toByteArray(), null, Recipes.preset("default"), true);
        EngineFixture summaryOnly = EngineFixture.run(prices.toByteArray(), null, Recipes.preset("default"), false);
        assertThat(summaryOnly.csv).isEmpty();
        assertThat(summaryOnly.report.outputRows()).isZero();
        assertThat(summaryOnly.summary.get("all")).isEqualTo(full.summary.get("all"));
        assertThat(summaryOnly.summary.get("symbols")).isEqualTo(full.summary.get("symbols"));
        assertThat(full.report.outputRows()).isEqualTo(4000);
    }

    @Test
    void joinsASignalsFileOnSymbolAndTime() {
        String prices = HEADER
                + "2024-01-01,A,1,1,1,10,1\n2024-01-01,B,1,1,1,10,1\n"
                + "2024-01-02,A,1,1,1,11,1\n2024-01-02,B,1,1,1,12,1\n"
                + "2024-01-03,A,1,1,1,12,1\n2024-01-03,B,1,1,1,11,1\n";
        String signals = "symbol,timestamp,signal\n"
                + "A,2023-12-31,1\nA,2024-01-01,1\nB,2024-01-01,short\nB,2024-01-02,0\nC,2024-01-03,1\n";
        Recipe recipe = Recipes.parse("""
                {"version": 1, "backtest": {"mode": "long_short"}}""");
        EngineFixture run = EngineFixture.run(prices.getBytes(StandardCharsets.UTF_8), signals, recipe, true);
        List<String> signalColumn = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            signalColumn.add(run.cell(r, "signal"));
        }
        assertThat(signalColumn).containsExactly("1", "-1", "1", "0", "1", "0");
        assertThat(run.cell(3, "position")).isEqualTo("-1");
        assertThat(run.report.signalsMatched()).isEqualTo(3);
        assertThat(run.report.signalsUnmatched()).isEqualTo(2);
        assertThat(run.summary.get("signals").get("unmatched").asLong()).isEqualTo(2);
        assertThat(run.summary.get("signals").get("first_unmatched_line").asLong()).isEqualTo(2);
    }

    @Test
    void aTimeOrderedSignalsFileWithAnUnknownSymbolHoldsNothingUp() {
        String prices = HEADER
                + "2024-01-01,A,1,1,1,10,1\n2024-01-01,B,1,1,1,10,1\n"
                + "2024-01-02,A,1,1,1,11,1\n2024-01-02,B,1,1,1,12,1\n";
        String signals = "symbol,timestamp,signal\nA,2024-01-01,1\nZ,2024-01-01,1\nB,2024-01-01,-1\n"
                + "A,2024-01-02,0\nB,2024-01-02,1\n";
        Recipe recipe = Recipes.parse("{\"version\": 1, \"backtest\": {\"mode\": \"long_short\"}}");
        EngineFixture run = EngineFixture.run(prices.getBytes(StandardCharsets.UTF_8), signals, recipe, true);
        assertThat(List.of(run.cell(0, "signal"), run.cell(1, "signal"), run.cell(2, "signal"),
                run.cell(3, "signal"))).containsExactly("1", "-1", "0", "1");
        assertThat(run.report.signalsMatched()).isEqualTo(4);
        assertThat(run.report.signalsUnmatched()).isEqualTo(1);
        assertThat(run.summary.get("signals").get("first_unmatched_line").asLong()).isEqualTo(3);
    }

    @Test
    void matchesSignalsInAnyOrderWithinATime() {
        String prices = HEADER
                + "2024-01-01,A,1,1,1,10,1\n2024-01-01,B,1,1,1,10,1\n2024-01-01,C,1,1,1,10,1\n"
                + "2024-01-02,C,1,1,1,11,1\n2024-01-02,A,1,1,1,12,1\n2024-01-02,B,1,1,1,12,1\n";
        String signals = "timestamp,symbol,signal\n2024-01-01,A,1\n2024-01-01,B,1\n2024-01-01,C,1\n"
                + "2024-01-02,A,-1\n2024-01-02,B,0\n2024-01-02,X,1\n2024-01-02,C,-1\n2024-01-03,A,1\n";
        Recipe recipe = Recipes.parse("{\"version\": 1, \"backtest\": {\"mode\": \"long_short\"}}");
        EngineFixture run = EngineFixture.run(prices.getBytes(StandardCharsets.UTF_8), signals, recipe, true);
        List<String> column = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            column.add(run.cell(r, "signal"));
        }
        assertThat(column).containsExactly("1", "1", "1", "-1", "-1", "0");
        assertThat(run.report.signalsMatched()).isEqualTo(6);
        assertThat(run.report.signalsUnmatched()).isEqualTo(2);
    }

    @Test
    void sparseSignalsGroupedBySymbolWaitForTheirSymbol() {
        String prices = HEADER
                + "2024-01-01,A,1,1,1,10,1\n2024-01-02,A,1,1,1,11,1\n2024-01-03,A,1,1,1,12,1\n"
                + "2024-01-01,B,1,1,1,10,1\n2024-01-02,B,1,1,1,9,1\n2024-01-03,B,1,1,1,8,1\n";
        String signals = "symbol,timestamp,signal\nA,2024-01-01,1\nB,2024-01-02,-1\n";
        Recipe recipe = Recipes.parse("{\"version\": 1, \"backtest\": {\"mode\": \"long_short\"}}");
        EngineFixture run = EngineFixture.run(prices.getBytes(StandardCharsets.UTF_8), signals, recipe, true);
        assertThat(run.cell(4, "signal")).isEqualTo("-1");
        assertThat(run.report.signalsMatched()).isEqualTo(2);
        assertThat(run.report.signalsUnmatched()).isZero();
    }

    @Test
    void joinsSignalsGroupedBySymbolLikeThePrices() {
        String prices = HEADER
                + "2024-01-01,A,1,1,1,10,1\n2024-01-02,A,1,1,1,11,1\n2024-01-03,A,1,1,1,12,1\n"
                + "2024-01-01,B,1,1,1,10,1\n2024-01-02,B,1,1,1,9,1\n2024-01-03,B,1,1,1,8,1\n";
        String signals = "symbol,timestamp,signal\nA,2024-01-02,1\nB,2024-01-01,-1\nB,2024-01-03,0\n";
        Recipe recipe = Recipes.parse("{\"version\": 1, \"backtest\": {\"mode\": \"long_short\"}}");
        EngineFixture run = EngineFixture.run(prices.getBytes(StandardCharsets.UTF_8), signals, recipe, true);
        List<String> column = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            column.add(run.cell(r, "signal"));
        }
        assertThat(column).containsExactly("0", "1", "1", "-1", "-1", "0");
        assertThat(run.report.signalsMatched()).isEqualTo(3);
        assertThat(run.report.signalsUnmatched()).isZero();
    }

    @Test
    void rulesCombineCrossoversAndThresholds() {
        Recipe recipe = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "sma", "window": 2}],
                 "signal": {"long": {"and": [{"crosses_above": ["close", "sma_2"]}, {"lt": ["close", 100]}]},
                            "flat": {"gt": ["close", 100]}}}""");
        EngineFixture run = EngineFixture.run("date,close\n2024-01-01,10\n2024-01-02,9\n2024-01-03,12\n"
                + "2024-01-04,13\n2024-01-05,101\n", recipe);
        List<String> signals = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            signals.add(run.cell(r, "signal"));
        }
        assertThat(signals).containsExactly("0", "0", "1", "1", "0");
    }

    @Test
    void rejectsNonNumberNamingFileLineAndColumn() {
        assertThatThrownBy(() -> EngineFixture.run(HEADER + "2024-01-01,A,1,1,1,1,1\n2024-01-02,A,1,1,1,12,5x,1\n",
                SMA)).isInstanceOf(CsvFormatException.class).hasMessageContaining("prices.csv line 3");
        assertThatThrownBy(() -> EngineFixture.run(HEADER + "2024-01-01,A,1,1,1,1,1\n2024-01-02,A,1,1,1,\"12,5x\",1\n",
                SMA)).isInstanceOf(CsvFormatException.class)
                .hasMessage("prices.csv line 3, column \"close\": \"12,5x\" is not a number; expected a decimal "
                        + "number such as 12.5");
    }

    @Test
    void rejectsRowsWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,1,2\n", SMA))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("prices.csv line 2: found 3 fields; expected 2 like the header");
    }

    @Test
    void rejectsTimeThatDoesNotIncreaseWithinASymbol() {
        assertThatThrownBy(() -> EngineFixture.run(HEADER + "2024-01-02,A,1,1,1,1,1\n2024-01-01,B,1,1,1,1,1\n"
                + "2024-01-02,A,1,1,1,1,1\n", SMA))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 4, column \"timestamp\"")
                .hasMessageContaining("is not after 2024-01-02T00:00:00Z on line 2 for symbol A");
    }

    @Test
    void rejectsFileWithoutAColumnAnIndicatorNeeds() {
        Recipe atr = Recipes.parse("{\"version\": 1, \"indicators\": [{\"type\": \"atr\"}]}");
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,1\n", atr))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 1: no high column (needed by atr_14)")
                .hasMessageContaining("found columns \"date\", \"close\"");
    }

    @Test
    void rejectsUnknownTimestampFormatAndEmptyFile() {
        assertThatThrownBy(() -> EngineFixture.run("date,close\n01/02/2024,1\n", SMA))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 2, column \"date\": \"01/02/2024\" is not a timestamp");
        assertThatThrownBy(() -> EngineFixture.run("", SMA))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 1: the file is empty");
    }

    @Test
    void rejectsUtf16WithoutByteOrderMarkAsNoUtf8Text() {
        byte[] utf16 = "date,close\n2024-01-01,1\n".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> EngineFixture.run(utf16, null, SMA, true))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("prices.csv line 1: found the control byte 0x00 in the header (UTF-16 text or a binary "
                        + "file); expected UTF-8 CSV text, optionally gzip-compressed");
    }

    @Test
    void rejectsMixedTimestampFormats() {
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,1\n1704187800,1\n", SMA))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 3, column \"date\": \"1704187800\" is not a timestamp in the "
                        + "format of the first row; expected an ISO-8601 date such as 2024-01-02");
    }

    @Test
    void refusesNaNAndInfinityAsPrices() {
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,NaN\n", SMA))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("\"NaN\" is not a number");
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,\n", SMA))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("column \"close\": empty");
    }

    @Test
    void skipsBadRowsUpToTheRecipesAllowanceAndReportsThem() {
        Recipe lenient = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "sma", "window": 2}], "max_bad_rows": 2}""");
        EngineFixture run = EngineFixture.run("date,close\n2024-01-01,1\n2024-01-02,x\n2024-01-03,3\n", lenient);
        assertThat(run.report.rows()).isEqualTo(2);
        assertThat(run.report.rowsSkipped()).isEqualTo(1);
        assertThat(run.cell(1, "sma_2")).isEqualTo("2");
        assertThat(run.summary.get("skipped_rows").get(0).get("line").asLong()).isEqualTo(3);
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,x\n2024-01-02,x\n2024-01-03,x\n",
                lenient)).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 4")
                .hasMessageContaining("2 bad rows skipped before, max_bad_rows is 2");
    }

    @Test
    void holdsTheRecipesBadRowAllowanceToTheEnginesCap() {
        Recipe lenient = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "sma", "window": 2}], "max_bad_rows": 1000}""");
        byte[] rows = "date,close\n2024-01-01,x\n2024-01-02,y\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EngineFixture.run(SignalEngine.builder().maxBadRows(1).build(), rows, null, lenient,
                true)).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("prices.csv line 3")
                .hasMessageContaining("1 bad rows skipped before, max_bad_rows is 1");
    }

    @Test
    void enforcesRowAndSymbolLimits() {
        byte[] rows = "date,close\n2024-01-01,1\n2024-01-02,1\n2024-01-03,1\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EngineFixture.run(SignalEngine.builder().maxRows(2).build(), rows, null, SMA, true))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("prices.csv line 4: more than 2 data rows; a file may have at most 2");
        byte[] symbols = (HEADER + "2024-01-01,A,1,1,1,1,1\n2024-01-01,B,1,1,1,1,1\n2024-01-01,C,1,1,1,1,1\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EngineFixture.run(SignalEngine.builder().maxSymbols(2).build(), symbols, null, SMA,
                true))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("prices.csv line 4: more than 2 distinct symbols");
    }

    @Test
    void rejectsUploadedSignalsRecipeWithoutSignals() {
        Recipe recipe = Recipes.parse("{\"version\": 1, \"backtest\": {}}");
        assertThatThrownBy(() -> EngineFixture.run("date,close\n2024-01-01,1\n", recipe))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("the recipe takes uploaded signals");
    }

    @Test
    void rejectsSignalOutsideItsRange() {
        Recipe recipe = Recipes.parse("{\"version\": 1, \"backtest\": {}}");
        assertThatThrownBy(() -> EngineFixture.run("date,close,signal\n2024-01-01,1,2\n", recipe))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("prices.csv line 2, column \"signal\": \"2\" is not a signal; expected a number from -1 "
                        + "to 1 or one of long, short, flat");
    }

    @Test
    void stopsWhenTheProgressListenerThrows() {
        ByteArrayOutputStream prices = new ByteArrayOutputStream();
        SamplePrices.builder().rows(200_000).symbols(2).build().writeTo(prices);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        ProgressListener cancel = rows -> {
            throw new IllegalStateException("job cancelled after " + rows);
        };
        assertThatThrownBy(() -> SignalEngine.builder().build().run(
                EngineInput.prices("p.csv", new ByteArrayInputStream(prices.toByteArray())), Recipes.preset("default"),
                result, null, cancel))
                .isInstanceOf(IllegalStateException.class).hasMessage("job cancelled after 65536");
        assertThat(result.size()).isLessThan(prices.size() * 2);
    }

    @Test
    void reportsProgressAsRowsAreRead() {
        ByteArrayOutputStream prices = new ByteArrayOutputStream();
        SamplePrices.builder().rows(200_000).symbols(2).build().writeTo(prices);
        List<Long> seen = new ArrayList<>();
        SignalEngine.builder().build().run(EngineInput.prices("p.csv", new ByteArrayInputStream(prices.toByteArray())),
                SMA, null, null, seen::add);
        assertThat(seen).containsExactly(65_536L, 131_072L, 196_608L, 200_000L);
    }
}
