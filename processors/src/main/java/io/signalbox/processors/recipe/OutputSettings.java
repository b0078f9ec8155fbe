package io.signalbox.processors.recipe;

import java.util.List;
import java.util.Objects;

/**
 * What the result holds and how it is written.
 *
 * @param columns the computed columns to write, or {@code null} for all of them; input columns are always written
 * @param precision significant digits of computed numbers in a CSV, or 0 for the shortest form that reads back
 *     exactly
 * @param gzip whether a CSV result is gzip-compressed
 * @param format the result's file format
 * @param escapeFormulas whether text cells of a CSV result that a spreadsheet would evaluate as a formula get a
 *     leading {@code '}
 */
public record OutputSettings(List<String> columns, int precision, boolean gzip, Format format,
        boolean escapeFormulas) {

    /** Every computed column, exact numbers, a CSV not compressed, formulas neutralised. */
    public static final OutputSettings DEFAULT = new OutputSettings(null, 0, false, Format.CSV, true);

    /** The result's file format. */
    public enum Format {
        /** The input's lines with the computed cells appended: for people and spreadsheets. */
        CSV("csv"),
        /** Typed columns in Apache Parquet: for pandas, Polars, DuckDB, Spark. */
        PARQUET("parquet");

        private final String recipeName;

        Format(String recipeName) {
            this.recipeName = recipeName;
        }

        /**
         * @return the format's name in a recipe, such as {@code parquet}
         */
        public String recipeName() {
            return recipeName;
        }
    }

    /**
     * @throws IllegalArgumentException when the precision is outside 0..17, or gzip or a precision is asked of
     *     Parquet
     */
    public OutputSettings {
        columns = columns == null ? null : List.copyOf(columns);
        Objects.requireNonNull(format, "format");
        if (precision < 0 || precision > 17) {
            throw new IllegalArgumentException("precision must be 0..17");
        }
        if (format == Format.PARQUET && (gzip || precision != 0)) {
            throw new IllegalArgumentException("gzip and precision apply to CSV results only");
        }
    }

    /**
     * @param other the format wanted
     * @return these settings with another format
     * @throws IllegalArgumentException when these settings do not apply to that format
     */
    public OutputSettings withFormat(Format other) {
        return new OutputSettings(columns, precision, gzip, other, escapeFormulas);
    }

    /**
     * @return the result's media type: {@code text/csv}, {@code application/gzip} or
     *     {@code application/vnd.apache.parquet}
     */
    public String contentType() {
        if (format == Format.PARQUET) {
            return "application/vnd.apache.parquet";
        }
        return gzip ? "application/gzip" : "text/csv";
    }

    /**
     * @return the result file's extension without a leading dot: {@code csv}, {@code csv.gz} or {@code parquet}
     */
    public String fileExtension() {
        if (format == Format.PARQUET) {
            return "parquet";
        }
        return gzip ? "csv.gz" : "csv";
    }
}
