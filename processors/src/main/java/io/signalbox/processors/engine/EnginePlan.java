package io.signalbox.processors.engine;

import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.recipe.IndicatorStep;
import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.signal.CompiledRules;
import io.signalbox.processors.signal.SignalRules;
import io.signalbox.processors.time.TimestampFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recipe compiled against one file's header: which columns to read, where each computed value lives in a row's
 * slots, where signals come from and which slots the output holds. Made once per run, before the first row; the
 * pipeline then reads it and nothing else.
 *
 * <p>Slots of a row: 0 to 4 the bar (open, high, low, close, volume), then each indicator's columns, then the signal,
 * then the backtest's columns.
 */
final class EnginePlan {

    final Recipe recipe;
    final String file;
    final ColumnLayout columns;
    final SignalSource signalSource;
    /** The recipe's timestamp format, or {@code null} to detect it from the first row. */
    final TimestampFormat timestampFormat;
    final IndicatorStep[] steps;
    final int[] stepOffsets;
    final int width;
    final int signalSlot;
    final int backtestSlot;
    final CompiledRules rules;
    final boolean hold;
    final boolean backtest;
    final List<String> outputNames;
    final int[] outputSlots;

    private EnginePlan(Recipe recipe, String file, ColumnLayout columns, SignalSource signalSource,
            Map<String, Integer> slots, int[] stepOffsets, List<String> outputNames) {
        this.recipe = recipe;
        this.file = file;
        this.columns = columns;
        this.signalSource = signalSource;
        this.timestampFormat = recipe.timestampFormat() == null ? null : TimestampFormat.named(recipe.timestampFormat());
        this.steps = recipe.indicators().toArray(new IndicatorStep[0]);
        this.stepOffsets = stepOffsets;
        this.signalSlot = slots.get(Recipe.SIGNAL_COLUMN);
        this.backtestSlot = signalSlot + 1;
        this.width = backtestSlot + Recipe.BACKTEST_COLUMNS.size();
        this.rules = signalSource == SignalSource.RULES ? new CompiledRules(recipe.signal(), slots::get) : null;
        this.hold = recipe.signal() != null && recipe.signal().holdOtherwise();
        this.backtest = recipe.backtest() != null;
        this.outputNames = List.copyOf(outputNames);
        this.outputSlots = outputNames.stream().mapToInt(slots::get).toArray();
    }

    /**
     * @param recipe what to compute
     * @param file the prices file's name
     * @param header the prices file's column names
     * @param delimiter the prices file's delimiter
     * @param signalsFile whether a signals file comes with the prices
     * @throws CsvFormatException when the header lacks a column the recipe needs, has one the recipe would write, or
     *     the sources of signals do not fit the recipe
     */
    static EnginePlan compile(Recipe recipe, String file, List<String> header, byte delimiter, boolean signalsFile) {
        Map<String, String> mapped = recipe.columns();
        Map<String, String> why = neededFields(recipe);
        int timestamp = PriceColumns.require(header, "timestamp", mapped.get("timestamp"), file,
                "every bar needs a time");
        int symbol = PriceColumns.find(header, "symbol", mapped.get("symbol"), file);
        boolean parquet = recipe.output().format() == OutputSettings.Format.PARQUET;
        int[] fields = new int[ColumnLayout.FIELD_NAMES.length];
        for (int f = 0; f < fields.length; f++) {
            String name = ColumnLayout.FIELD_NAMES[f];
            if (why.containsKey(name)) {
                fields[f] = PriceColumns.require(header, name, mapped.get(name), file, why.get(name));
            } else {
                // a Parquet result holds the bar's typed fields, so every one the header has is read
                fields[f] = parquet ? PriceColumns.find(header, name, mapped.get(name), file) : -1;
            }
        }
        int signalColumn = PriceColumns.find(header, "signal", mapped.get("signal"), file);
        SignalSource source = signalSource(recipe, file, header, signalColumn, signalsFile);
        ColumnLayout layout = new ColumnLayout(List.copyOf(header), delimiter, timestamp, symbol, fields,
                source == SignalSource.PRICES_COLUMN ? signalColumn : -1);

        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int f = 0; f < ColumnLayout.FIELD_NAMES.length; f++) {
            slots.put(ColumnLayout.FIELD_NAMES[f], f);
        }
        int slot = ColumnLayout.FIELD_NAMES.length;
        int[] stepOffsets = new int[recipe.indicators().size()];
        for (int i = 0; i < stepOffsets.length; i++) {
            stepOffsets[i] = slot;
            for (String column : recipe.indicators().get(i).columns()) {
                slots.put(column, slot++);
            }
        }
        slots.put(Recipe.SIGNAL_COLUMN, slot++);
        for (String column : Recipe.BACKTEST_COLUMNS) {
            slots.put(column, slot++);
        }
        return new EnginePlan(recipe, file, layout, source, slots, stepOffsets,
                parquet ? recipe.outputColumns() : outputNames(recipe, header, file));
    }

    /** The price fields the recipe reads, each with why, for the error when the header lacks it. */
    private static Map<String, String> neededFields(Recipe recipe) {
        Map<String, String> why = new LinkedHashMap<>();
        for (IndicatorStep step : recipe.indicators()) {
            for (String in : step.inputs()) {
                why.putIfAbsent(in, "needed by " + step.columns().get(0));
            }
        }
        if (recipe.signal() != null) {
            for (String column : ruleColumns(recipe.signal())) {
                if (List.of(ColumnLayout.FIELD_NAMES).contains(column)) {
                    why.putIfAbsent(column, "read by the signal rules");
                }
            }
        }
        if (recipe.backtest() != null) {
            why.putIfAbsent("close", "needed by the backtest");
        }
        return why;
    }

    private static Set<String> ruleColumns(SignalRules rules) {
        Set<String> columns = new LinkedHashSet<>();
        if (rules.longWhen() != null) {
            columns.addAll(rules.longWhen().columns());
        }
        if (rules.shortWhen() != null) {
            columns.addAll(rules.shortWhen().columns());
        }
        if (rules.flatWhen() != null) {
            columns.addAll(rules.flatWhen().columns());
        }
        return columns;
    }

    private static SignalSource signalSource(Recipe recipe, String file, List<String> header, int signalColumn,
            boolean signalsFile) {
        SignalRules signal = recipe.signal();
        boolean hasColumn = signalColumn >= 0;
        if (signalsFile && hasColumn) {
            throw new CsvFormatException(file, 1, header.get(signalColumn), "the prices file has a signal column "
                    + "and a signals file was given too; expected one source of signals");
        }
        if (signal == null) {
            return SignalSource.NONE;
        }
        boolean uploaded = switch (signal.source()) {
            case RULES -> false;
            case UPLOADED -> true;
            case AUTO -> signalsFile || hasColumn || !signal.hasRules();
        };
        if (!uploaded) {
            return SignalSource.RULES;
        }
        if (hasColumn) {
            return SignalSource.PRICES_COLUMN;
        }
        if (signalsFile) {
            return SignalSource.SIGNALS_FILE;
        }
        throw new CsvFormatException(file, 1, null, "the recipe takes uploaded signals, but the prices file has "
                + "no signal column and no signals file was given; expected one of them");
    }

    /** A CSV result's computed columns: a name the input header has would be there twice. */
    private static List<String> outputNames(Recipe recipe, List<String> header, String file) {
        Set<String> inputNames = new HashSet<>();
        for (String h : header) {
            inputNames.add(h.toLowerCase(Locale.ROOT));
        }
        List<String> names = new ArrayList<>();
        for (String column : recipe.outputColumns()) {
            if (inputNames.contains(column)) {
                if (column.equals(Recipe.SIGNAL_COLUMN)) {
                    continue;
                }
                throw new CsvFormatException(file, 1, column, "the header already has a column named " + column
                        + ", which the recipe computes; expected the input to use another name");
            }
            names.add(column);
        }
        return names;
    }

    boolean hasSignal() {
        return signalSource != SignalSource.NONE;
    }
}
