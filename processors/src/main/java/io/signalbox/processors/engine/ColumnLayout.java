package io.signalbox.processors.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a prices file keeps the fields of a bar: column indexes into its header, -1 for a field it lacks or the
 * recipe does not read.
 *
 * @param header the header's column names
 * @param delimiter the field delimiter
 * @param timestamp the timestamp column
 * @param symbol the symbol column, or -1 for a file that is one series
 * @param fields the columns of open, high, low, close and volume, in that order
 * @param signal the column of uploaded signals, or -1
 */
record ColumnLayout(List<String> header, byte delimiter, int timestamp, int symbol, int[] fields, int signal) {

    static final String[] FIELD_NAMES = {"open", "high", "low", "close", "volume"};
    static final int CLOSE = 3;

    /** The header names of the fields in use, by field, as the summary lists them. */
    Map<String, String> namesByField() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("timestamp", header.get(timestamp));
        if (symbol >= 0) {
            names.put("symbol", header.get(symbol));
        }
        for (int f = 0; f < FIELD_NAMES.length; f++) {
            if (fields[f] >= 0) {
                names.put(FIELD_NAMES[f], header.get(fields[f]));
            }
        }
        if (signal >= 0) {
            names.put("signal", header.get(signal));
        }
        return names;
    }

    String name(int column) {
        return column < 0 ? null : header.get(column);
    }
}
