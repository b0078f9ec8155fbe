package io.signalbox.processors.indicator;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Creates indicators by type name and parameters, and describes each type for recipes, schemas and documentation.
 *
 * <p>Every type, its parameters, defaults, limits and column names are documented in {@code docs/indicators.md}.
 * Parameters arrive as parsed JSON values ({@link Integer}, {@link Long}, {@link Double}, {@link String},
 * {@link Boolean} or {@code null}); an integer parameter also accepts a whole {@link Double} such as {@code 20.0}.
 */
public final class Indicators {

    /** The longest window any indicator accepts (TA-Lib's own limit); it bounds the state kept per series. */
    public static final int MAX_WINDOW = 100_000;

    /** The trading days in a year, the default annualisation of {@code volatility}. */
    public static final double DEFAULT_PERIODS_PER_YEAR = 252.0;

    private static final String OPEN = "open";
    private static final String HIGH = "high";
    private static final String LOW = "low";
    private static final String CLOSE = "close";
    private static final String VOLUME = "volume";

    private static final Map<String, Definition> DEFINITIONS = definitions();

    private Indicators() {
    }

    /**
     * @return the type names that {@link #create} accepts, in alphabetical order, such as {@code sma} or
     *     {@code macd}
     */
    public static Set<String> types() {
        return DEFINITIONS.keySet();
    }

    /**
     * Creates a fresh indicator for one series.
     *
     * @param type a type name from {@link #types()}
     * @param params the parameters by name; absent ones take their defaults
     * @return a new indicator with empty state
     * @throws IndicatorParameterException when the type is unknown or a parameter is unknown, of the wrong type or
     *     impossible; it names the parameter ({@code type} for the type) and says what was found and what was
     *     expected
     */
    public static Indicator create(String type, Map<String, ?> params) {
        Objects.requireNonNull(params, "params");
        Definition definition = definition(type);
        return definition.factory().apply(new ParameterReader(definition.spec(), params));
    }

    /**
     * @param type a type name from {@link #types()}
     * @return the bar fields the type reads, a subset of {@code open, high, low, close, volume}
     * @throws IndicatorParameterException when the type is unknown
     */
    public static Set<String> inputs(String type) {
        return definition(type).spec().inputs();
    }

    /**
     * @param type a type name from {@link #types()}
     * @return the type's description, inputs and parameters with their defaults and limits
     * @throws IndicatorParameterException when the type is unknown
     */
    public static IndicatorSpec spec(String type) {
        return definition(type).spec();
    }

    private static Definition definition(String type) {
        Definition definition = type == null ? null : DEFINITIONS.get(type);
        if (definition == null) {
            throw new IndicatorParameterException("type", "unknown indicator type "
                    + ParameterReader.describe(type) + "; expected one of " + String.join(", ", types()));
        }
        return definition;
    }

    private static Map<String, Definition> definitions() {
        Map<String, Definition> all = new TreeMap<>();
        add(all, "sma", "Simple moving average of the close (TA-Lib SMA).", Set.of(CLOSE),
                List.of(window(20, 2)), r -> new Sma(r.integer("window")));
        add(all, "ema", "Exponential moving average of the close, seeded with an SMA (TA-Lib EMA).", Set.of(CLOSE),
                List.of(window(20, 2)), r -> new Ema(r.integer("window")));
        add(all, "wma", "Linearly weighted moving average of the close (TA-Lib WMA).", Set.of(CLOSE),
                List.of(window(20, 2)), r -> new Wma(r.integer("window")));
        add(all, "rsi", "Relative strength index of the close with Wilder's smoothing (TA-Lib RSI).", Set.of(CLOSE),
                List.of(window(14, 2)), r -> new Rsi(r.integer("window")));
        add(all, "macd", "MACD line, signal line and histogram of the close (TA-Lib MACD).", Set.of(CLOSE),
                List.of(ParameterSpec.integer("fast", 12, 2, MAX_WINDOW - 1,
                                "Bars of the fast EMA; fewer than slow."),
                        ParameterSpec.integer("slow", 26, 3, MAX_WINDOW, "Bars of the slow EMA."),
                        ParameterSpec.integer("signal", 9, 1, MAX_WINDOW, "Bars of the signal line's EMA.")),
                Indicators::macd);
        add(all, "bbands", "Bollinger bands: SMA of the close plus and minus k population standard deviations "
                + "(TA-Lib BBANDS).", Set.of(CLOSE),
                List.of(window(20, 2),
                        ParameterSpec.positiveNumber("k", 2.0, "Standard deviations from the middle band.")),
                r -> new BollingerBands(r.integer("window"), r.number("k")));
        add(all, "atr", "Average true range with Wilder's smoothing (TA-Lib ATR).", Set.of(HIGH, LOW, CLOSE),
                List.of(window(14, 1)), r -> new Atr(r.integer("window")));
        add(all, "stoch", "Slow stochastic oscillator %K and %D with SMA smoothing (TA-Lib STOCH).",
                Set.of(HIGH, LOW, CLOSE),
                List.of(ParameterSpec.integer("window", 14, 1, MAX_WINDOW,
                                "Bars of the highest high and lowest low."),
                        ParameterSpec.integer("smooth_k", 3, 1, MAX_WINDOW,
                                "Bars of the SMA that turns fast %K into %K."),
                        ParameterSpec.integer("smooth_d", 3, 1, MAX_WINDOW,
                                "Bars of the SMA of %K that gives %D.")),
                r -> new Stochastic(r.integer("window"), r.integer("smooth_k"), r.integer("smooth_d")));
        add(all, "obv", "On-balance volume (TA-Lib OBV).", Set.of(CLOSE, VOLUME), List.of(), r -> new Obv());
        add(all, "vwap", "Volume-weighted average of the typical price, per calendar day or over a rolling window.",
                Set.of(HIGH, LOW, CLOSE, VOLUME),
                List.of(ParameterSpec.optionalInteger("window", 1, MAX_WINDOW,
                                "Bars of a rolling VWAP; without it the VWAP restarts every calendar day."),
                        ParameterSpec.string("zone", "UTC", "Time zone whose midnight starts a day, such as UTC, "
                                + "America/New_York or +05:30; only without window.")),
                Indicators::vwap);
        add(all, "returns", "Simple or log return of the close over a number of bars.", Set.of(CLOSE),
                List.of(ParameterSpec.choice("kind", "simple", List.of("simple", "log"),
                                "simple: (close - earlier) / earlier (TA-Lib ROCP); log: ln(close / earlier)."),
                        ParameterSpec.integer("period", 1, 1, MAX_WINDOW, "Bars between the two closes.")),
                Indicators::returns);
        add(all, "volatility", "Annualised standard deviation of one-bar log returns over a rolling window.",
                Set.of(CLOSE),
                List.of(window(20, 2),
                        ParameterSpec.positiveNumber("periods_per_year", DEFAULT_PERIODS_PER_YEAR,
                                "Bars per year; the standard deviation is multiplied by its square root."),
                        ParameterSpec.integer("ddof", 1, 0, 1, "Delta degrees of freedom: 1 sample, 0 population.")),
                r -> new Volatility(r.integer("window"), r.number("periods_per_year"), r.integer("ddof")));
        add(all, "zscore", "Rolling z-score of the close against the mean and standard deviation of its window.",
                Set.of(CLOSE),
                List.of(window(20, 2),
                        ParameterSpec.integer("ddof", 0, 0, 1, "Delta degrees of freedom: 0 population, 1 sample.")),
                r -> new ZScore(r.integer("window"), r.integer("ddof")));
        add(all, "donchian", "Donchian channel: highest high, lowest low and their midpoint (TA-Lib MAX and MIN).",
                Set.of(HIGH, LOW), List.of(window(20, 2)), r -> new Donchian(r.integer("window")));
        return Collections.unmodifiableMap(all);
    }

    private static ParameterSpec window(int defaultValue, int minimum) {
        return ParameterSpec.integer("window", defaultValue, minimum, MAX_WINDOW, "Bars in the window.");
    }

    private static void add(Map<String, Definition> all, String type, String description, Set<String> inputs,
            List<ParameterSpec> parameters, Function<ParameterReader, Indicator> factory) {
        List<String> ordered = List.of(OPEN, HIGH, LOW, CLOSE, VOLUME).stream().filter(inputs::contains).toList();
        all.put(type, new Definition(new IndicatorSpec(type, description, new LinkedHashSet<>(ordered),
                parameters), factory));
    }

    private static Indicator macd(ParameterReader reader) {
        int fast = reader.integer("fast");
        int slow = reader.integer("slow");
        int signal = reader.integer("signal");
        if (fast >= slow) {
            throw reader.problem("fast", "fewer bars than slow (" + slow + ")", fast);
        }
        return new Macd(fast, slow, signal);
    }

    private static Indicator vwap(ParameterReader reader) {
        if (reader.present("window")) {
            if (reader.present("zone")) {
                throw new IndicatorParameterException("zone", "vwap zone: applies only to the per-day VWAP, "
                        + "found it together with window; expected one of them, not both");
            }
            return new RollingVwap(reader.integer("window"));
        }
        String zone = reader.string("zone");
        try {
            return new DailyVwap(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw reader.problem("zone", "a time zone such as UTC, America/New_York or +05:30", zone);
        }
    }

    private static Indicator returns(ParameterReader reader) {
        int period = reader.integer("period");
        return "log".equals(reader.string("kind")) ? new LogReturn(period) : new SimpleReturn(period);
    }

    private record Definition(IndicatorSpec spec, Function<ParameterReader, Indicator> factory) {
    }
}
