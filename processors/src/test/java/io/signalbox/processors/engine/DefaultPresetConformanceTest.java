package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default preset's columns, per symbol of an interleaved file, against TA-Lib's Java port. */
class DefaultPresetConformanceTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void writesInputColumnsThenTheIssuesColumnsInOrder() {
        EngineFixture run = EngineFixture.run("timestamp,symbol,open,high,low,close,volume\n"
                + "2024-01-02,A,1,2,0.5,1.5,100\n", Recipes.preset("default"));
        assertThat(run.header).containsExactly("timestamp", "symbol", "open", "high", "low", "close", "volume",
                "sma_20", "ema_20", "rsi_14", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9",
                "bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2", "atr_14", "signal", "position", "ret",
                "strategy_ret", "equity", "drawdown");
        assertThat(run.rows.get(0).subList(0, 7)).containsExactly("2024-01-02", "A", "1", "2", "0.5", "1.5", "100");
    }

    @Test
    void everyIndicatorColumnMatchesTaLibForEachSymbol() {
        int symbols = 3;
        int bars = 400;
        ByteArrayOutputStream prices = new ByteArrayOutputStream();
        SamplePrices.builder().rows((long) symbols * bars).symbols(symbols).seed(99).build().writeTo(prices);
        EngineFixture run = EngineFixture.run(prices.toByteArray(), null, Recipes.preset("default"), true);

        Map<String, List<Integer>> rowsBySymbol = new LinkedHashMap<>();
        for (int r = 0; r < run.rows.size(); r++) {
            rowsBySymbol.computeIfAbsent(run.cell(r, "symbol"), s -> new ArrayList<>()).add(r);
        }
        assertThat(rowsBySymbol).hasSize(symbols);
        Core core = new Core();
        for (List<Integer> rows : rowsBySymbol.values()) {
            int n = rows.size();
            double[] high = new double[n];
            double[] low = new double[n];
            double[] close = new double[n];
            for (int i = 0; i < n; i++) {
                high[i] = run.number(rows.get(i), "high");
                low[i] = run.number(rows.get(i), "low");
                close[i] = run.number(rows.get(i), "close");
            }
            MInteger begin = new MInteger();
            MInteger length = new MInteger();
            double[] out = new double[n];
            check(core.sma(0, n - 1, close, 20, begin, length, out), run, rows, "sma_20", out, begin, length);
            out = new double[n];
            check(core.ema(0, n - 1, close, 20, begin, length, out), run, rows, "ema_20", out, begin, length);
            out = new double[n];
            check(core.rsi(0, n - 1, close, 14, begin, length, out), run, rows, "rsi_14", out, begin, length);
            out = new double[n];
            check(core.atr(0, n - 1, high, low, close, 14, begin, length, out), run, rows, "atr_14", out, begin,
                    length);
            double[] macd = new double[n];
            double[] signal = new double[n];
            double[] hist = new double[n];
            RetCode code = core.macd(0, n - 1, close, 12, 26, 9, begin, length, macd, signal, hist);
            check(code, run, rows, "macd_12_26_9", macd, begin, length);
            check(code, run, rows, "macd_signal_12_26_9", signal, begin, length);
            check(code, run, rows, "macd_hist_12_26_9", hist, begin, length);
            double[] upper = new double[n];
            double[] middle = new double[n];
            double[] lower = new double[n];
            code = core.bbands(0, n - 1, close, 20, 2.0, 2.0, MAType.Sma, begin, length, upper, middle, lower);
            check(code, run, rows, "bb_upper_20_2", upper, begin, length);
            check(code, run, rows, "bb_middle_20_2", middle, begin, length);
            check(code, run, rows, "bb_lower_20_2", lower, begin, length);
        }
    }

    private static void check(RetCode code, EngineFixture run, List<Integer> rows, String column, double[] expected,
            MInteger begin, MInteger length) {
        assertThat(code).isEqualTo(RetCode.Success);
        for (int i = 0; i < rows.size(); i++) {
            String cell = run.cell(rows.get(i), column);
            if (i < begin.value) {
                assertThat(cell).as("%s bar %d before the lookback", column, i).isEmpty();
            } else {
                double want = expected[i - begin.value];
                double got = Double.parseDouble(cell);
                assertThat(Math.abs(got - want)).as("%s bar %d: %s vs TA-Lib %s", column, i, got, want)
                        .isLessThanOrEqualTo(TOLERANCE * Math.max(1.0, Math.abs(want)));
            }
        }
        assertThat(begin.value + length.value).isEqualTo(rows.size());
    }
}
