package io.signalbox.processors.indicator;

import java.math.BigDecimal;
import java.util.List;

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

    /** Each of {@code names} followed by {@code suffix}, in order. */
    static List<String> withSuffix(String suffix, String... names) {
        String[] columns = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = names[i] + suffix;
        }
        return List.of(columns);
    }
}
