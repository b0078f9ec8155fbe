package io.signalbox.processors.indicator;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares a computed column with an expected one, bar by bar: the same empty cells (NaN) and, elsewhere, values
 * equal to {@value #RELATIVE} relative.
 *
 * <p>"Relative" is to the larger of the expected value's magnitude and a scale natural to the column: 0 for
 * columns on the price's own level (moving averages, bands, channels, ATR, returns), so that those are compared
 * purely relatively; the price level for MACD columns, which are differences of two averages of prices and cross
 * zero; 100 for the 0-100 oscillators (RSI, stochastic); the volume level for OBV. Near zero, a purely relative
 * comparison would demand more digits than the inputs carry.
 */
final class ColumnAssert {

    static final double RELATIVE = 1e-9;

    private ColumnAssert() {
    }

    static void assertColumn(String column, PriceSeries series, double[] actual, double[] expected, double scale) {
        if (actual.length != expected.length) {
            fail(column + " on " + series.name() + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int bar = 0; bar < expected.length; bar++) {
            double a = actual[bar];
            double e = expected[bar];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    fail(column + " on " + series.name() + ", bar " + bar + ": " + describe(a) + ", expected "
                            + describe(e));
                }
                continue;
            }
            double tolerance = RELATIVE * Math.max(Math.abs(e), scale);
            if (!(Math.abs(a - e) <= tolerance)) {
                fail(column + " on " + series.name() + ", bar " + bar + ": " + a + ", expected " + e
                        + " (difference " + Math.abs(a - e) + " > tolerance " + tolerance + ")");
            }
        }
    }

    static double maxAbs(double[] values) {
        double max = 0.0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private static String describe(double value) {
        return Double.isNaN(value) ? "an empty cell" : Double.toString(value);
    }
}
