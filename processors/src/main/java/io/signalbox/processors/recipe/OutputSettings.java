package io.signalbox.processors.recipe;

import java.util.List;

/**
 * What the result CSV holds.
 *
 * @param columns the computed columns to write, or {@code null} for all of them; input columns are always written
 * @param precision significant digits of computed numbers, or 0 for the shortest form that reads back exactly
 * @param gzip whether the result is gzip-compressed
 */
public record OutputSettings(List<String> columns, int precision, boolean gzip) {

    /** Every computed column, exact numbers, not compressed. */
    public static final OutputSettings DEFAULT = new OutputSettings(null, 0, false);

    /**
     * @throws IllegalArgumentException when the precision is outside 0..17
     */
    public OutputSettings {
        columns = columns == null ? null : List.copyOf(columns);
        if (precision < 0 || precision > 17) {
            throw new IllegalArgumentException("precision must be 0..17");
        }
    }
}
