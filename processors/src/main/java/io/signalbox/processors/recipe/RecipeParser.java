package io.signalbox.processors.recipe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.signalbox.processors.indicator.IndicatorParameterException;
import io.signalbox.processors.indicator.Indicators;
import io.signalbox.processors.signal.Condition;
import io.signalbox.processors.signal.SignalRules;
import io.signalbox.processors.time.TimestampFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a recipe document and builds the {@link Recipe}; every error names the JSON path it is about. */
final class RecipeParser {

    static final int MAX_DOCUMENT_CHARS = 1 << 20;
    static final int MAX_INDICATORS = 200;
    static final int MAX_CONDITION_DEPTH = 32;

    static final List<String> TOP_KEYS = List.of("version", "name", "columns", "timestamp_format", "indicators",
            "signal", "backtest", "output", "max_bad_rows");
    static final List<String> COLUMN_FIELDS = List.of("timestamp", "symbol", "open", "high", "low", "close",
            "volume", "signal");
    static final List<String> SIGNAL_KEYS = List.of("source", "long", "short", "flat", "otherwise");
    static final List<String> BACKTEST_KEYS = List.of("mode", "fee_bps", "slippage_bps", "trades", "risk_free_rate",
            "periods_per_year");
    static final List<String> OUTPUT_KEYS = List.of("columns", "precision", "gzip", "format", "escape_formulas");
    static final List<String> INPUT_FIELDS = List.of("open", "high", "low", "close", "volume");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RecipeParser() {
    }

    static Recipe parse(String document, String defaultName) {
        String json = document != null && document.startsWith("\uFEFF") ? document.substring(1) : document;
        if (json == null || json.isBlank()) {
            throw new RecipeException("$", "empty document; expected a JSON object such as {\"version\": 1}");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new RecipeException("$", "document of " + json.length() + " characters; a recipe may have at most "
                    + MAX_DOCUMENT_CHARS);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new RecipeException("$", "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        return new RecipeParser().recipe(root, defaultName);
    }

    private Recipe recipe(JsonNode root, String defaultName) {
        requireObject(root, "$");
        JsonNode version = root.get("version");
        if (version == null) {
            throw new RecipeException("$.version", "missing; expected \"version\": 1");
        }
        if (!version.isIntegralNumber() || version.asLong() != 1) {
            throw new RecipeException("$.version", "found " + describe(version) + "; expected 1, the only version "
                    + "this engine reads");
        }
        checkKeys(root, "$", TOP_KEYS);
        String name = root.has("name") ? text(root.get("name"), "$.name") : defaultName;
        Map<String, String> columns = columns(root.get("columns"));
        String timestampFormat = null;
        if (root.has("timestamp_format")) {
            String format = text(root.get("timestamp_format"), "$.timestamp_format");
            if (!format.equals("auto")) {
                if (!TimestampFormat.names().contains(format)) {
                    throw new RecipeException("$.timestamp_format", "found \"" + format + "\"; expected \"auto\" or "
                            + "one of " + TimestampFormat.names());
                }
                timestampFormat = format;
            }
        }
        List<IndicatorStep> indicators = indicators(root.get("indicators"));
        Map<String, String> producedBy = new LinkedHashMap<>();
        for (IndicatorStep step : indicators) {
            for (String column : step.columns()) {
                String earlier = producedBy.putIfAbsent(column, step.path());
                if (earlier != null) {
                    throw new RecipeException(step.path(), "writes column " + column + ", which " + earlier
                            + " already writes; expected each column once");
                }
            }
        }
        Set<String> referable = new LinkedHashSet<>(INPUT_FIELDS);
        referable.addAll(producedBy.keySet());
        SignalRules signal = root.has("signal") ? signal(root.get("signal"), referable) : null;
        BacktestSettings backtest = root.has("backtest") ? backtest(root.get("backtest")) : null;
        if (backtest != null && signal == null) {
            signal = new SignalRules(SignalRules.Source.UPLOADED, null, null, null, true);
        }
        long maxBadRows = 0;
        if (root.has("max_bad_rows")) {
            maxBadRows = wholeNumber(root.get("max_bad_rows"), "$.max_bad_rows", 0, Long.MAX_VALUE);
        }
        Recipe draft = new Recipe(name, columns, timestampFormat, indicators, signal, backtest,
                OutputSettings.DEFAULT, maxBadRows);
        OutputSettings output = root.has("output") ? output(root.get("output"), draft.computedColumns())
                : OutputSettings.DEFAULT;
        return new Recipe(name, columns, timestampFormat, indicators, signal, backtest, output, maxBadRows);
    }

    private Map<String, String> columns(JsonNode node) {
        if (node == null) {
            return Map.of();
        }
        requireObject(node, "$.columns");
        checkKeys(node, "$.columns", COLUMN_FIELDS);
        Map<String, String> columns = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "$.columns." + entry.getKey();
            String header = text(entry.getValue(), path);
            if (header.isBlank()) {
                throw new RecipeException(path, "empty; expected the name of a column in the prices file's header");
            }
            columns.put(entry.getKey(), header);
        }
        return columns;
    }

    private List<IndicatorStep> indicators(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new RecipeException("$.indicators", "found " + describe(node) + "; expected an array of objects "
                    + "such as [{\"type\": \"sma\", \"window\": 20}]");
        }
        if (node.size() > MAX_INDICATORS) {
            throw new RecipeException("$.indicators", node.size() + " indicators; a recipe may have at most "
                    + MAX_INDICATORS);
        }
        List<IndicatorStep> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "$.indicators[" + i + "]";
            JsonNode item = node.get(i);
            requireObject(item, path);
            JsonNode typeNode = item.get("type");
            if (typeNode == null) {
                throw new RecipeException(path + ".type", "missing; expected one of "
                        + String.join(", ", Indicators.types()));
            }
            String type = text(typeNode, path + ".type");
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : item.properties()) {
                if (!entry.getKey().equals("type")) {
                    params.put(entry.getKey(), scalar(entry.getValue(), path + "." + entry.getKey()));
                }
            }
            try {
                var indicator = Indicators.create(type, params);
                steps.add(new IndicatorStep(type, params, path, indicator.columns(), indicator.lookback(),
                        Indicators.inputs(type)));
            } catch (IndicatorParameterException e) {
                throw new RecipeException(path + "." + e.parameter(), e.getMessage());
            }
        }
        return steps;
    }

    private static Object scalar(JsonNode value, String path) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long v = value.asLong();
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNull()) {
            return null;
        }
        throw new RecipeException(path, "found " + describe(value) + "; expected a number, string or boolean");
    }

    private SignalRules signal(JsonNode node, Set<String> referable) {
        requireObject(node, "$.signal");
        checkKeys(node, "$.signal", SIGNAL_KEYS);
        SignalRules.Source source = SignalRules.Source.AUTO;
        if (node.has("source")) {
            String text = text(node.get("source"), "$.signal.source");
            source = switch (text) {
                case "auto" -> SignalRules.Source.AUTO;
                case "rules" -> SignalRules.Source.RULES;
                case "uploaded" -> SignalRules.Source.UPLOADED;
                default -> throw new RecipeException("$.signal.source", "found \"" + text
                        + "\"; expected \"auto\", \"rules\" or \"uploaded\"");
            };
        }
        boolean hold = true;
        if (node.has("otherwise")) {
            String text = text(node.get("otherwise"), "$.signal.otherwise");
            if (!text.equals("hold") && !text.equals("flat")) {
                throw new RecipeException("$.signal.otherwise", "found \"" + text + "\"; expected \"hold\" or \"flat\"");
            }
            hold = text.equals("hold");
        }
        Condition longWhen = node.has("long") ? condition(node.get("long"), "$.signal.long", referable, 0) : null;
        Condition shortWhen = node.has("short") ? condition(node.get("short"), "$.signal.short", referable, 0) : null;
        Condition flatWhen = node.has("flat") ? condition(node.get("flat"), "$.signal.flat", referable, 0) : null;
        SignalRules rules = new SignalRules(source, longWhen, shortWhen, flatWhen, hold);
        if (source == SignalRules.Source.RULES && !rules.hasRules()) {
            throw new RecipeException("$.signal", "source is \"rules\" but no rule is given; expected at least one "
                    + "of \"long\", \"short\", \"flat\"");
        }
        if (source == SignalRules.Source.UPLOADED && rules.hasRules()) {
            throw new RecipeException("$.signal", "source is \"uploaded\" but rules are given; expected either "
                    + "rules or uploaded signals");
        }
        return rules;
    }

    private Condition condition(JsonNode node, String path, Set<String> referable, int depth) {
        if (depth > MAX_CONDITION_DEPTH) {
            throw new RecipeException(path, "conditions nested deeper than " + MAX_CONDITION_DEPTH);
        }
        if (!node.isObject() || node.size() != 1) {
            throw new RecipeException(path, "found " + describe(node) + "; expected an object with one key, such as "
                    + "{\"crosses_above\": [\"macd_12_26_9\", \"macd_signal_12_26_9\"]} or {\"lt\": [\"rsi_14\", 30]}");
        }
        String op = node.fieldNames().next();
        JsonNode args = node.get(op);
        String argsPath = path + "." + op;
        switch (op) {
            case "crosses_above", "crosses_below", "gt", "ge", "lt", "le" -> {
                if (!args.isArray() || args.size() != 2) {
                    throw new RecipeException(argsPath, "found " + describe(args) + "; expected an array of two "
                            + "operands (column names or numbers)");
                }
                Condition.Operand left = operand(args.get(0), argsPath + "[0]", referable);
                Condition.Operand right = operand(args.get(1), argsPath + "[1]", referable);
                if (left.column() == null && right.column() == null) {
                    throw new RecipeException(argsPath, "compares two numbers; expected at least one column name");
                }
                return switch (op) {
                    case "crosses_above" -> new Condition.Crosses(left, right, true);
                    case "crosses_below" -> new Condition.Crosses(left, right, false);
                    case "gt" -> new Condition.Compare(left, Condition.Comparison.GT, right);
                    case "ge" -> new Condition.Compare(left, Condition.Comparison.GE, right);
                    case "lt" -> new Condition.Compare(left, Condition.Comparison.LT, right);
                    default -> new Condition.Compare(left, Condition.Comparison.LE, right);
                };
            }
            case "and", "or" -> {
                if (!args.isArray() || args.isEmpty()) {
                    throw new RecipeException(argsPath, "found " + describe(args) + "; expected a non-empty array "
                            + "of conditions");
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    parts.add(condition(args.get(i), argsPath + "[" + i + "]", referable, depth + 1));
                }
                return op.equals("and") ? new Condition.All(parts) : new Condition.Any(parts);
            }
            case "not" -> {
                return new Condition.Not(condition(args, argsPath, referable, depth + 1));
            }
            default -> throw new RecipeException(argsPath, "unknown condition \"" + op + "\"; expected one of "
                    + "crosses_above, crosses_below, gt, ge, lt, le, and, or, not");
        }
    }

    private static Condition.Operand operand(JsonNode node, String path, Set<String> referable) {
        if (node.isNumber()) {
            double value = node.asDouble();
            if (!Double.isFinite(value)) {
                throw new RecipeException(path, "found " + node + "; expected a finite number");
            }
            return Condition.Operand.constant(value);
        }
        if (node.isTextual()) {
            String column = node.asText();
            if (!referable.contains(column)) {
                throw new RecipeException(path, "unknown column \"" + column + "\"; expected one of "
                        + String.join(", ", referable));
            }
            return Condition.Operand.column(column);
        }
        throw new RecipeException(path, "found " + describe(node) + "; expected a column name or a number");
    }

    private BacktestSettings backtest(JsonNode node) {
        requireObject(node, "$.backtest");
        checkKeys(node, "$.backtest", BACKTEST_KEYS);
        boolean longShort = false;
        if (node.has("mode")) {
            String mode = text(node.get("mode"), "$.backtest.mode");
            if (!mode.equals("long_only") && !mode.equals("long_short")) {
                throw new RecipeException("$.backtest.mode", "found \"" + mode
                        + "\"; expected \"long_only\" or \"long_short\"");
            }
            longShort = mode.equals("long_short");
        }
        double fee = node.has("fee_bps") ? number(node.get("fee_bps"), "$.backtest.fee_bps", 0, 10_000) : 0;
        double slippage = node.has("slippage_bps")
                ? number(node.get("slippage_bps"), "$.backtest.slippage_bps", 0, 10_000) : 0;
        boolean trades = node.has("trades") && bool(node.get("trades"), "$.backtest.trades");
        double riskFree = node.has("risk_free_rate")
                ? number(node.get("risk_free_rate"), "$.backtest.risk_free_rate", -1, 1) : 0;
        Double periods = null;
        if (node.has("periods_per_year") && !node.get("periods_per_year").isNull()) {
            periods = number(node.get("periods_per_year"), "$.backtest.periods_per_year", 1e-9, 1e9);
        }
        return new BacktestSettings(longShort, fee, slippage, trades, riskFree, periods);
    }

    private OutputSettings output(JsonNode node, List<String> computed) {
        requireObject(node, "$.output");
        checkKeys(node, "$.output", OUTPUT_KEYS);
        List<String> columns = null;
        if (node.has("columns")) {
            JsonNode list = node.get("columns");
            if (!list.isArray()) {
                throw new RecipeException("$.output.columns", "found " + describe(list)
                        + "; expected an array of computed column names");
            }
            columns = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "$.output.columns[" + i + "]";
                String column = text(list.get(i), path);
                if (!computed.contains(column)) {
                    throw new RecipeException(path, "unknown column \"" + column + "\"; expected one of the computed "
                            + "columns " + String.join(", ", computed));
                }
                columns.add(column);
            }
        }
        int precision = 0;
        if (node.has("precision") && !node.get("precision").isNull()) {
            precision = (int) wholeNumber(node.get("precision"), "$.output.precision", 1, 17);
        }
        boolean gzip = node.has("gzip") && bool(node.get("gzip"), "$.output.gzip");
        boolean escapeFormulas = !node.has("escape_formulas") || bool(node.get("escape_formulas"),
                "$.output.escape_formulas");
        OutputSettings.Format format = OutputSettings.Format.CSV;
        if (node.has("format")) {
            String name = text(node.get("format"), "$.output.format");
            format = switch (name) {
                case "csv" -> OutputSettings.Format.CSV;
                case "parquet" -> OutputSettings.Format.PARQUET;
                default -> throw new RecipeException("$.output.format", "found \"" + name
                        + "\"; expected \"csv\" or \"parquet\"");
            };
        }
        if (format == OutputSettings.Format.PARQUET) {
            for (String key : List.of("gzip", "precision", "escape_formulas")) {
                if (node.has(key)) {
                    throw new RecipeException("$.output." + key, key + " applies to CSV results; expected no "
                            + key + " with \"format\": \"parquet\" (Parquet compresses its pages and keeps "
                            + "numbers exact)");
                }
            }
        }
        return new OutputSettings(columns, precision, gzip, format, escapeFormulas);
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new RecipeException(path, "found " + describe(node) + "; expected a JSON object");
        }
    }

    private static void checkKeys(JsonNode node, String path, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new RecipeException(path + "." + key, "unknown key \"" + key + "\"; expected one of "
                        + String.join(", ", allowed));
            }
        }
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new RecipeException(path, "found " + describe(node) + "; expected a string");
        }
        return node.asText();
    }

    private static boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw new RecipeException(path, "found " + describe(node) + "; expected true or false");
        }
        return node.asBoolean();
    }

    private static double number(JsonNode node, String path, double min, double max) {
        if (!node.isNumber() || !(node.asDouble() >= min && node.asDouble() <= max)) {
            throw new RecipeException(path, "found " + describe(node) + "; expected a number from " + plain(min)
                    + " to " + plain(max));
        }
        return node.asDouble();
    }

    private static long wholeNumber(JsonNode node, String path, long min, long max) {
        boolean whole = node.isIntegralNumber() && node.canConvertToLong()
                || node.isNumber() && node.asDouble() == Math.rint(node.asDouble()) && Math.abs(node.asDouble()) < 1e18;
        if (!whole || node.asLong() < min || node.asLong() > max) {
            throw new RecipeException(path, "found " + describe(node) + "; expected a whole number from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max));
        }
        return node.asLong();
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String kind;
        if (node.isObject()) {
            kind = "an object";
        } else if (node.isArray()) {
            kind = "an array";
        } else if (node.isTextual()) {
            kind = "the string";
        } else if (node.isNumber()) {
            kind = "the number";
        } else if (node.isBoolean()) {
            kind = "the boolean";
        } else {
            return "null";
        }
        if (node.isContainerNode()) {
            String text = node.toString();
            return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
        }
        return kind + " " + node;
    }
}
