package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A million bars through the O(1) rolling kernels, against computations that start afresh over each window. The
 * series wanders around a level that switches between 1 and 1e9 every 50,000 bars, which is what ruins plain
 * running sums: each switch leaves a rounding error of the size of the large values behind in the small ones.
 */
class LongSeriesTest {

    private static final int BARS = 1_000_000;
    private static final int WINDOW = 20;

    private static PriceSeries series;

    @BeforeAll
    static void generate() {
        SplittableRandom random = new SplittableRandom(61);
        double[] open = new double[BARS];
        double[] high = new double[BARS];
        double[] low = new double[BARS];
        double[] close = new double[BARS];
        double[] volume = new double[BARS];
        long[] times = new long[BARS];
        double logPrice = 0.0;
        for (int i = 0; i < BARS; i++) {
            logPrice = 0.999 * logPrice + 0.01 * PriceSeries.gaussian(random);
            double level = (i / 50_000) % 2 == 0 ? 1.0 : 1e9;
            close[i] = Math.exp(logPrice) * level;
            open[i] = i == 0 ? close[i] : close[i - 1];
            high[i] = Math.max(open[i], close[i]) * 1.001;
            low[i] = Math.min(open[i], close[i]) * 0.999;
            volume[i] = random.nextDouble(1.0, 1e6);
            times[i] = PriceSeries.START_MILLIS + i * PriceSeries.MINUTE;
        }
        series = new PriceSeries("a million bars switching between 1 and 1e9", times, open, high, low, close, volume);
    }

    @Test
    void theSeriesDefeatsAPlainRunningSum() {
        double[] close = series.close();
        double running = 0.0;
        double worst = 0.0;
        for (int i = 0; i < BARS; i++) {
            running += close[i];
            if (i >= WINDOW) {
                running -= close[i - WINDOW];
            }
            if (i >= WINDOW - 1) {
                double fresh = windowSum(close, i);
                worst = Math.max(worst, Math.abs(running - fresh) / fresh);
            }
        }
        assertThat(worst).as("worst relative error of a plain running sum").isGreaterThan(1e-6);
    }

    @Test
    void smaDoesNotDrift() {
        double[] expected = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            expected[i] = i < WINDOW - 1 ? Double.NaN : windowSum(series.close(), i) / WINDOW;
        }
        assertColumn("sma_20", series, series.run(new Sma(WINDOW))[0], expected, 0.0);
    }

    @Test
    void wmaDoesNotDrift() {
        double divider = WINDOW * (WINDOW + 1) / 2.0;
        double[] expected = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            if (i < WINDOW - 1) {
                expected[i] = Double.NaN;
                continue;
            }
            double weighted = 0.0;
            for (int j = 0; j < WINDOW; j++) {
                weighted += (j + 1) * series.close()[i - WINDOW + 1 + j];
            }
            expected[i] = weighted / divider;
        }
        assertColumn("wma_20", series, series.run(new Wma(WINDOW))[0], expected, 0.0);
    }

    @Test
    void bollingerBandsDoNotDrift() {
        double[][] expected = new double[3][BARS];
        for (int i = 0; i < BARS; i++) {
            if (i < WINDOW - 1) {
                expected[0][i] = expected[1][i] = expected[2][i] = Double.NaN;
                continue;
            }
            double mean = windowSum(series.close(), i) / WINDOW;
            double variance = centredSquares(series.close(), i, mean) / WINDOW;
            double width = 2.0 * Math.sqrt(variance);
            expected[0][i] = mean + width;
            expected[1][i] = mean;
            expected[2][i] = mean - width;
        }
        double[][] actual = series.run(new BollingerBands(WINDOW, 2.0));
        for (int c = 0; c < 3; c++) {
            assertColumn("bb column " + c, series, actual[c], expected[c], 0.0);
        }
    }

    @Test
    void zScoreDoesNotDrift() {
        double[] expected = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            if (i < WINDOW - 1) {
                expected[i] = Double.NaN;
                continue;
            }
            double mean = windowSum(series.close(), i) / WINDOW;
            expected[i] = (series.close()[i] - mean) / Math.sqrt(centredSquares(series.close(), i, mean) / WINDOW);
        }
        assertColumn("zscore_20", series, series.run(new ZScore(WINDOW, 0))[0], expected, 1.0);
    }

    @Test
    void volatilityDoesNotDrift() {
        double[] returns = new double[BARS];
        for (int i = 1; i < BARS; i++) {
            returns[i] = StrictMath.log(series.close()[i] / series.close()[i - 1]);
        }
        double[] expected = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            if (i < WINDOW) {
                expected[i] = Double.NaN;
                continue;
            }
            double mean = windowSum(returns, i) / WINDOW;
            expected[i] = Math.sqrt(centredSquares(returns, i, mean) / (WINDOW - 1)) * Math.sqrt(252.0);
        }
        assertColumn("volatility_20", series, series.run(new Volatility(WINDOW, 252.0, 1))[0], expected, 0.0);
    }

    @Test
    void rollingVwapDoesNotDrift() {
        double[] weighted = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            weighted[i] = (series.high()[i] + series.low()[i] + series.close()[i]) / 3.0 * series.volume()[i];
        }
        double[] expected = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            expected[i] = i < WINDOW - 1 ? Double.NaN : windowSum(weighted, i) / windowSum(series.volume(), i);
        }
        assertColumn("vwap_20", series, series.run(new RollingVwap(WINDOW))[0], expected, 0.0);
    }

    @Test
    void obvDoesNotDrift() {
        double[] expected = new double[BARS];
        BigDecimal total = new BigDecimal(series.volume()[0]);
        expected[0] = total.doubleValue();
        for (int i = 1; i < BARS; i++) {
            double move = Math.signum(series.close()[i] - series.close()[i - 1]);
            total = total.add(new BigDecimal(series.volume()[i] * move));
            expected[i] = total.doubleValue();
        }
        assertColumn("obv", series, series.run(new Obv())[0], expected, 0.0);
    }

    private static double windowSum(double[] values, int last) {
        double sum = 0.0;
        for (int j = last - WINDOW + 1; j <= last; j++) {
            sum += values[j];
        }
        return sum;
    }

    private static double centredSquares(double[] values, int last, double mean) {
        double sum = 0.0;
        for (int j = last - WINDOW + 1; j <= last; j++) {
            double d = values[j] - mean;
            sum += d * d;
        }
        return sum;
    }
}
