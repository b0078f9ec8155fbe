package io.signalbox.processors.engine;

import io.signalbox.processors.csv.CsvFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the fields of a bar are in a file's header: named by the recipe, or found by their usual names. Matching
 * ignores case and every character that is not a letter or digit ({@code Adj Close}, {@code adj_close} and
 * {@code ADJCLOSE} are the same name); the first column that matches wins.
 */
final class PriceColumns {

    static final Map<String, List<String>> ALIASES = Map.of(
            "timestamp", List.of("timestamp", "datetime", "date", "time", "ts", "timestamputc", "datetimeutc",
                    "timeutc", "dateutc", "opentime", "unixtime", "unix", "epoch", "t"),
            "symbol", List.of("symbol", "ticker", "instrument", "asset", "pair", "sym"),
            "open", List.of("open", "openprice", "o"),
            "high", List.of("high", "highprice", "h"),
            "low", List.of("low", "lowprice", "l"),
            "close", List.of("close", "closeprice", "adjclose", "last", "price", "c"),
            "volume", List.of("volume", "vol", "v"),
            "signal", List.of("signal", "weight"));

    private PriceColumns() {
    }

    /**
     * @param header the header's column names
     * @param field a field such as {@code close}
     * @param mapped the column the recipe names for the field, or {@code null}
     * @param file the file's name
     * @return the column's index, or -1 when the recipe names none and no usual name is present
     * @throws CsvFormatException when the recipe names a column the header does not have
     */
    static int find(List<String> header, String field, String mapped, String file) {
        if (mapped != null) {
            int exact = header.indexOf(mapped);
            if (exact >= 0) {
                return exact;
            }
            String wanted = normalize(mapped);
            for (int i = 0; i < header.size(); i++) {
                if (normalize(header.get(i)).equals(wanted)) {
                    return i;
                }
            }
            throw new CsvFormatException(file, 1, null, "the recipe maps " + field + " to column \"" + mapped
                    + "\", which the header does not have; found columns " + quoted(header));
        }
        for (String alias : ALIASES.get(field)) {
            for (int i = 0; i < header.size(); i++) {
                if (normalize(header.get(i)).equals(alias)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * @param header the header's column names
     * @param field a field that must be present
     * @param mapped the column the recipe names for the field, or {@code null}
     * @param file the file's name
     * @param why why the field is needed, such as {@code needed by atr_14}
     * @return the column's index
     * @throws CsvFormatException when the column is not there
     */
    static int require(List<String> header, String field, String mapped, String file, String why) {
        int index = find(header, field, mapped, file);
        if (index < 0) {
            throw new CsvFormatException(file, 1, null, "no " + field + " column (" + why + "); expected a column "
                    + "named " + String.join(" or ", ALIASES.get(field).subList(0, Math.min(4,
                    ALIASES.get(field).size()))) + ", or \"columns\": {\"" + field
                    + "\": \"<name>\"} in the recipe; found columns " + quoted(header));
        }
        return index;
    }

    static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    static String quoted(List<String> header) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < header.size() && i < 20; i++) {
            if (i > 0) {
                b.append(", ");
            }
            String name = header.get(i);
            b.append('"').append(name.length() > 40 ? name.substring(0, 37) + "..." : name).append('"');
        }
        if (header.size() > 20) {
            b.append(", ... (").append(header.size()).append(" in all)");
        }
        return b.toString();
    }
}
