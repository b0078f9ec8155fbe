package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log returns against {@code ln(close / earlier)}; the empty cells of both kinds of return. */
class ReturnsTest {

    @Test
    void logReturnIsTheNaturalLogOfTheRatioOfCloses() {
        for (PriceSeries s : new PriceSeries[] {
                PriceSeries.randomWalk("random walk", 21, 1000, 100.0, 0.01),
                PriceSeries.withGaps("walk with jumps", 22, 1000),
                PriceSeries.constant("constant", 50, 100.1),
                PriceSeries.randomWalk("walk", 23, 500, 1.0, 0.01).scaled("tiny walk", 1e-8),
                PriceSeries.randomWalk("walk", 24, 500, 1.0, 0.01).scaled("huge walk", 1e12)}) {
            for (int period : new int[] {1, 5}) {
                Indicator returns = Indicators.create("returns", Map.of("kind", "log", "period", period));
                assertThat(returns.columns()).containsExactly("log_return_" + period);
                assertThat(returns.lookback()).isEqualTo(period);
                double[] expected = new double[s.size()];
                for (int bar = 0; bar < s.size(); bar++) {
                    expected[bar] = bar < period ? Double.NaN
                            : StrictMath.log(s.close()[bar] / s.close()[bar - period]);
                }
                assertColumn("log_return_" + period, s, s.run(returns)[0], expected, 0.0);
            }
        }
    }

    @Test
    void logReturnKeepsTheDigitsOfAVerySmallMove() {
        double earlier = 100.0;
        double close = Math.nextUp(Math.nextUp(earlier));
        PriceSeries s = series(earlier, close);
        BigDecimal r = new BigDecimal(close).subtract(new BigDecimal(earlier))
                .divide(new BigDecimal(earlier), Exact.CONTEXT);
        double lnOnePlusR = r.subtract(r.pow(2).divide(BigDecimal.valueOf(2), Exact.CONTEXT))
                .add(r.pow(3).divide(BigDecimal.valueOf(3), Exact.CONTEXT)).doubleValue();

        double[] actual = s.run(Indicators.create("returns", Map.of("kind", "log")))[0];

        assertThat(actual[1]).isCloseTo(lnOnePlusR, within(1e-15 * lnOnePlusR));
        assertThat(StrictMath.log(close / earlier)).as("the naive formula on the same closes")
                .isNotCloseTo(lnOnePlusR, within(1e-3 * lnOnePlusR));
    }

    @Test
    void logReturnKeepsItsDigitsAcrossAFallOfNineOrdersOfMagnitude() {
        double earlier = 1.231669137254291e9;
        double close = 1.2511877086319612;
        PriceSeries s = series(earlier, close, earlier);

        double[] actual = s.run(Indicators.create("returns", Map.of("kind", "log")))[0];

        double fall = StrictMath.log(close / earlier);
        assertThat(actual[1]).isCloseTo(fall, within(1e-15 * Math.abs(fall)));
        assertThat(actual[2]).isCloseTo(-fall, within(1e-15 * Math.abs(fall)));
    }

    @Test
    void logReturnIsEmptyUnlessBothClosesArePositive() {
        PriceSeries s = series(10.0, 0.0, 5.0, -2.0, -4.0, 3.0);

        double[] actual = s.run(Indicators.create("returns", Map.of("kind", "log")))[0];

        assertThat(actual).containsExactly(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void simpleReturnIsEmptyWhereTheEarlierCloseIsZero() {
        PriceSeries s = series(10.0, 0.0, 5.0, -2.0);

        double[] actual = s.run(Indicators.create("returns", Map.of()))[0];

        assertThat(actual).containsExactly(Double.NaN, -1.0, Double.NaN, -1.4);
    }

    static PriceSeries series(double... closes) {
        long[] times = new long[closes.length];
        double[] volume = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            times[i] = PriceSeries.START_MILLIS + i * PriceSeries.MINUTE;
            volume[i] = 100.0;
        }
        return new PriceSeries("closes " + Arrays.toString(closes), times, closes, closes, closes, closes,
                volume);
    }
}
