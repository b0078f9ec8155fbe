package io.signalbox.processors.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the engine relies on from every indicator type, checked on each of them. */
class IndicatorContractTest {

    private static final List<Map<String, Object>> EXTRA_CONFIGURATIONS = List.of(
            Map.of("type", "vwap", "window", 20),
            Map.of("type", "returns", "kind", "log", "period", 3),
            Map.of("type", "stoch", "window", 5, "smooth_k", 1, "smooth_d", 1));

    @Test
    void cellsAreEmptyExactlyUntilTheLookbackHasPassed() {
        PriceSeries s = PriceSeries.randomWalk("random walk", 71, 300, 100.0, 0.01);
        for (Indicator indicator : everyKind()) {
            double[][] columns = s.run(indicator);
            int lookback = indicator.lookback();
            for (int c = 0; c < columns.length; c++) {
                String column = indicator.columns().get(c);
                assertThat(Arrays.stream(columns[c], 0, lookback).filter(v -> !Double.isNaN(v)).count())
                        .as("filled cells of %s within its lookback %d", column, lookback).isZero();
                assertThat(Arrays.stream(columns[c], lookback, s.size()).filter(Double::isNaN).count())
                        .as("empty cells of %s after its lookback %d", column, lookback).isZero();
            }
        }
    }

    @Test
    void writesItsColumnsAtTheOffsetAndNothingElse() {
        PriceSeries s = PriceSeries.randomWalk("random walk", 72, 100, 100.0, 0.01);
        for (Indicator indicator : everyKind()) {
            int width = indicator.columns().size();
            double[] row = new double[width + 6];
            for (int bar = 0; bar < s.size(); bar++) {
                Arrays.fill(row, -7.0);
                indicator.update(s.times()[bar], s.open()[bar], s.high()[bar], s.low()[bar], s.close()[bar],
                        s.volume()[bar], row, 3);
                assertThat(Arrays.copyOfRange(row, 0, 3)).as("%s before its offset", indicator.columns())
                        .containsOnly(-7.0);
                assertThat(Arrays.copyOfRange(row, 3 + width, row.length))
                        .as("%s after its columns", indicator.columns()).containsOnly(-7.0);
                assertThat(Arrays.copyOfRange(row, 3, 3 + width)).as("%s own cells", indicator.columns())
                        .doesNotContain(-7.0);
            }
        }
    }

    @Test
    void instancesKeepSeparateState() {
        PriceSeries a = PriceSeries.randomWalk("walk a", 73, 200, 100.0, 0.01);
        PriceSeries b = PriceSeries.randomWalk("walk b", 74, 200, 5.0, 0.03);
        for (Map<String, Object> configuration : configurations()) {
            Indicator alone = create(configuration);
            double[][] expected = b.run(alone);
            Indicator first = create(configuration);
            Indicator second = create(configuration);
            double[] rowA = new double[first.columns().size()];
            double[] rowB = new double[second.columns().size()];
            for (int bar = 0; bar < b.size(); bar++) {
                first.update(a.times()[bar], a.open()[bar], a.high()[bar], a.low()[bar], a.close()[bar],
                        a.volume()[bar], rowA, 0);
                second.update(b.times()[bar], b.open()[bar], b.high()[bar], b.low()[bar], b.close()[bar],
                        b.volume()[bar], rowB, 0);
                for (int c = 0; c < rowB.length; c++) {
                    assertThat(Double.doubleToLongBits(rowB[c])).as("%s bar %d", second.columns().get(c), bar)
                            .isEqualTo(Double.doubleToLongBits(expected[c][bar]));
                }
            }
        }
    }

    @Test
    void noIndicatorAllocatesPerUpdate() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        PriceSeries s = PriceSeries.randomWalk("random walk", 75, 100_000, 100.0, 0.01);
        for (Indicator indicator : everyKind()) {
            double[] row = new double[indicator.columns().size()];
            feed(indicator, s, 0, 1_000, row);
            long before = threads.getThreadAllocatedBytes(thread);
            feed(indicator, s, 1_000, s.size(), row);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertThat(allocated).as("bytes allocated by %s over %d updates", indicator.columns(), s.size() - 1_000)
                    .isLessThan(1_000);
        }
    }

    private static void feed(Indicator indicator, PriceSeries s, int from, int to, double[] row) {
        for (int bar = from; bar < to; bar++) {
            indicator.update(s.times()[bar], s.open()[bar], s.high()[bar], s.low()[bar], s.close()[bar],
                    s.volume()[bar], row, 0);
        }
    }

    private static List<Map<String, Object>> configurations() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String type : Indicators.types()) {
            all.add(Map.of("type", type));
        }
        all.addAll(EXTRA_CONFIGURATIONS);
        return all;
    }

    private static List<Indicator> everyKind() {
        return configurations().stream().map(IndicatorContractTest::create).toList();
    }

    private static Indicator create(Map<String, Object> configuration) {
        Map<String, Object> params = new HashMap<>(configuration);
        String type = (String) params.remove("type");
        return Indicators.create(type, params);
    }
}
