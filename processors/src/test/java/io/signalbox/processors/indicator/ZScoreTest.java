package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rolling z-score against a decimal two-pass mean and standard deviation of the window. */
class ZScoreTest {

    private static final double Z_SCALE = 1.0;

    @Test
    void isTheDistanceFromTheWindowMeanInStandardDeviations() {
        for (PriceSeries s : new PriceSeries[] {
                PriceSeries.randomWalk("random walk", 41, 1000, 100.0, 0.01),
                PriceSeries.withGaps("walk with jumps", 42, 1000),
                PriceSeries.ticks("tick grid", 43, 1000),
                PriceSeries.randomWalk("walk", 44, 500, 1.0, 0.01).scaled("tiny walk", 1e-8),
                PriceSeries.randomWalk("walk", 45, 500, 1.0, 0.01).scaled("huge walk", 1e12),
                PriceSeries.randomWalk("walk", 46, 500, 1.0, 1e-7).scaled("tight walk near 1e6", 1e6)}) {
            for (int ddof : new int[] {0, 1}) {
                Indicator z = Indicators.create("zscore", Map.of("window", 20, "ddof", ddof));
                assertThat(z.columns()).containsExactly("zscore_20");
                assertThat(z.lookback()).isEqualTo(19);
                assertColumn("zscore_20 ddof " + ddof, s, s.run(z)[0], expected(s, 20, ddof), Z_SCALE);
            }
        }
    }

    @Test
    void isEmptyWhereAllClosesOfTheWindowAreEqual() {
        PriceSeries s = PriceSeries.constant("constant", 30, 123_456.789);

        double[] actual = s.run(Indicators.create("zscore", Map.of("window", 5)))[0];

        assertThat(actual).containsOnly(Double.NaN);
    }

    @Test
    void putsTheBollingerBandsOfTheSameWindowAtPlusAndMinusK() {
        PriceSeries s = PriceSeries.randomWalk("random walk", 47, 300, 100.0, 0.01);
        double[] z = s.run(Indicators.create("zscore", Map.of()))[0];
        double[][] bands = s.run(Indicators.create("bbands", Map.of("k", 1.5)));

        for (int bar = 19; bar < s.size(); bar++) {
            double closeOnBandScale = bands[1][bar] + z[bar] * (bands[0][bar] - bands[1][bar]) / 1.5;
            assertThat(closeOnBandScale).as("bar %d", bar).isCloseTo(s.close()[bar],
                    org.assertj.core.api.Assertions.within(1e-9 * s.close()[bar]));
        }
        assertThat(Arrays.copyOfRange(z, 0, 19)).containsOnly(Double.NaN);
    }

    private static double[] expected(PriceSeries s, int window, int ddof) {
        double[] expected = new double[s.size()];
        for (int bar = 0; bar < s.size(); bar++) {
            if (bar + 1 < window) {
                expected[bar] = Double.NaN;
                continue;
            }
            int from = bar + 1 - window;
            BigDecimal deviation = new BigDecimal(s.close()[bar]).subtract(Exact.mean(s.close(), from, bar + 1));
            BigDecimal sd = Exact.variance(s.close(), from, bar + 1, ddof).sqrt(Exact.CONTEXT);
            expected[bar] = deviation.divide(sd, Exact.CONTEXT).doubleValue();
        }
        return expected;
    }
}
