package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rolling annualised volatility against a decimal two-pass standard deviation of {@code ln(close / previous)}. */
class VolatilityTest {

    @Test
    void isTheSampleStandardDeviationOfLogReturnsTimesTheRootOfPeriodsPerYear() {
        for (PriceSeries s : new PriceSeries[] {
                PriceSeries.randomWalk("random walk", 31, 1000, 100.0, 0.01),
                PriceSeries.withGaps("walk with jumps", 32, 1000),
                PriceSeries.ticks("tick grid", 33, 1000),
                PriceSeries.randomWalk("walk", 34, 500, 1.0, 0.01).scaled("tiny walk", 1e-8),
                PriceSeries.randomWalk("walk", 35, 500, 1.0, 0.01).scaled("huge walk", 1e12)}) {
            Indicator volatility = Indicators.create("volatility", Map.of("window", 20));
            assertThat(volatility.columns()).containsExactly("volatility_20");
            assertThat(volatility.lookback()).isEqualTo(20);
            assertColumn("volatility_20", s, s.run(volatility)[0], expected(s, 20, 1, 252.0), 0.0);
        }
    }

    @Test
    void takesPeriodsPerYearAndDdofFromItsParameters() {
        PriceSeries s = PriceSeries.randomWalk("random walk", 36, 600, 100.0, 0.001);
        double minutesPerYear = 365.25 * 24 * 60;

        Indicator volatility = Indicators.create("volatility",
                Map.of("window", 60, "periods_per_year", minutesPerYear, "ddof", 0));

        assertColumn("volatility_60", s, s.run(volatility)[0], expected(s, 60, 0, minutesPerYear), 0.0);
    }

    @Test
    void isZeroOnConstantPrices() {
        PriceSeries s = PriceSeries.constant("constant", 40, 100.1);

        double[] actual = s.run(Indicators.create("volatility", Map.of("window", 5)))[0];

        assertThat(Arrays.copyOfRange(actual, 0, 5)).containsOnly(Double.NaN);
        assertThat(Arrays.copyOfRange(actual, 5, 40)).containsOnly(0.0);
    }

    @Test
    void isEmptyWhileItsWindowHoldsAReturnFromANonPositiveClose() {
        double[] closes = new double[30];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100.0 + (i % 3);
        }
        closes[10] = 0.0;
        PriceSeries s = ReturnsTest.series(closes);

        double[] actual = s.run(Indicators.create("volatility", Map.of("window", 5)))[0];

        assertThat(actual[9]).isNotNaN();
        assertThat(Arrays.copyOfRange(actual, 10, 16)).containsOnly(Double.NaN);
        assertColumn("volatility_5", s, actual, expected(s, 5, 1, 252.0), 0.0);
    }

    private static double[] expected(PriceSeries s, int window, int ddof, double periodsPerYear) {
        double[] returns = new double[s.size()];
        for (int bar = 1; bar < s.size(); bar++) {
            returns[bar] = StrictMath.log(s.close()[bar] / s.close()[bar - 1]);
        }
        double[] expected = new double[s.size()];
        for (int bar = 0; bar < s.size(); bar++) {
            int from = bar + 1 - window;
            boolean defined = bar >= window
                    && Arrays.stream(returns, from, bar + 1).allMatch(Double::isFinite);
            expected[bar] = defined
                    ? Exact.standardDeviation(returns, from, bar + 1, ddof) * Math.sqrt(periodsPerYear)
                    : Double.NaN;
        }
        return expected;
    }
}
