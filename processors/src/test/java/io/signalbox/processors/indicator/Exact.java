package io.signalbox.processors.indicator;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Textbook formulas over a window, evaluated in decimal with 40 significant digits: the independent reference for
 * the indicators that TA-Lib does not have.
 */
final class Exact {

    static final MathContext CONTEXT = new MathContext(40);

    private Exact() {
    }

    static BigDecimal mean(double[] values, int from, int to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            sum = sum.add(new BigDecimal(values[i]));
        }
        return sum.divide(BigDecimal.valueOf(to - from), CONTEXT);
    }

    /** The variance of {@code values[from, to)} with {@code ddof} delta degrees of freedom. */
    static BigDecimal variance(double[] values, int from, int to, int ddof) {
        BigDecimal mean = mean(values, from, to);
        BigDecimal squares = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            BigDecimal d = new BigDecimal(values[i]).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        return squares.divide(BigDecimal.valueOf(to - from - ddof), CONTEXT);
    }

    static double standardDeviation(double[] values, int from, int to, int ddof) {
        return variance(values, from, to, ddof).sqrt(CONTEXT).doubleValue();
    }

    static BigDecimal typicalPrice(double high, double low, double close) {
        return new BigDecimal(high).add(new BigDecimal(low)).add(new BigDecimal(close))
                .divide(BigDecimal.valueOf(3), CONTEXT);
    }
}
