package io.signalbox.processors.indicator;

import java.math.BigDecimal;

/** How parameters appear in column names. */
final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * A number as it appears in a column name: its shortest decimal form with the point written {@code p}, so that
     * names stay lower snake case ({@code 2.0 -> "2"}, {@code 2.5 -> "2p5"}, {@code 0.25 -> "0p25"}).
     */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().replace('.', 'p');
    }
}
