package io.signalbox.processors.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Types, parameters, defaults, column names and the errors of {@link Indicators}. */
class IndicatorsTest {

    @Test
    void knowsEveryTypeInAlphabeticalOrder() {
        assertThat(Indicators.types()).containsExactly("atr", "bbands", "donchian", "ema", "macd", "obv", "returns",
                "rsi", "sma", "stoch", "volatility", "vwap", "wma", "zscore");
    }

    @Test
    void defaultParametersGiveTheDocumentedColumnsAndLookbacks() {
        Map<String, List<String>> columns = new HashMap<>();
        Map<String, Integer> lookbacks = new HashMap<>();
        for (String type : Indicators.types()) {
            Indicator indicator = Indicators.create(type, Map.of());
            columns.put(type, indicator.columns());
            lookbacks.put(type, indicator.lookback());
        }
        assertThat(columns).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("sma", List.of("sma_20")),
                Map.entry("ema", List.of("ema_20")),
                Map.entry("wma", List.of("wma_20")),
                Map.entry("rsi", List.of("rsi_14")),
                Map.entry("macd", List.of("macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9")),
                Map.entry("bbands", List.of("bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2")),
                Map.entry("atr", List.of("atr_14")),
                Map.entry("stoch", List.of("stoch_k_14_3_3", "stoch_d_14_3_3")),
                Map.entry("obv", List.of("obv")),
                Map.entry("vwap", List.of("vwap_day")),
                Map.entry("returns", List.of("return_1")),
                Map.entry("volatility", List.of("volatility_20")),
                Map.entry("zscore", List.of("zscore_20")),
                Map.entry("donchian", List.of("donchian_upper_20", "donchian_middle_20", "donchian_lower_20"))));
        assertThat(lookbacks).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("sma", 19), Map.entry("ema", 19), Map.entry("wma", 19), Map.entry("rsi", 14),
                Map.entry("macd", 33), Map.entry("bbands", 19), Map.entry("atr", 14), Map.entry("stoch", 17),
                Map.entry("obv", 0), Map.entry("vwap", 0), Map.entry("returns", 1), Map.entry("volatility", 20),
                Map.entry("zscore", 19), Map.entry("donchian", 19)));
    }

    @Test
    void theDefaultPresetsIndicatorsGiveItsTenColumns() {
        List<String> columns = new ArrayList<>();
        columns.addAll(Indicators.create("sma", Map.of("window", 20)).columns());
        columns.addAll(Indicators.create("ema", Map.of("window", 20)).columns());
        columns.addAll(Indicators.create("rsi", Map.of("window", 14)).columns());
        columns.addAll(Indicators.create("macd", Map.of("fast", 12, "slow", 26, "signal", 9)).columns());
        columns.addAll(Indicators.create("bbands", Map.of("window", 20, "k", 2)).columns());
        columns.addAll(Indicators.create("atr", Map.of("window", 14)).columns());

        assertThat(columns).containsExactly("sma_20", "ema_20", "rsi_14", "macd_12_26_9", "macd_signal_12_26_9",
                "macd_hist_12_26_9", "bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2", "atr_14");
    }

    @Test
    void namesCarryNonIntegerParametersWithThePointWrittenP() {
        assertThat(Indicators.create("bbands", Map.of("k", 2.5)).columns())
                .containsExactly("bb_upper_20_2p5", "bb_middle_20_2p5", "bb_lower_20_2p5");
        assertThat(Indicators.create("bbands", Map.of("window", 10, "k", 0.25)).columns())
                .containsExactly("bb_upper_10_0p25", "bb_middle_10_0p25", "bb_lower_10_0p25");
        assertThat(Indicators.create("bbands", Map.of("k", 2.0)).columns()).first().isEqualTo("bb_upper_20_2");
        assertThat(Indicators.create("bbands", Map.of("k", 1e-7)).columns()).first()
                .isEqualTo("bb_upper_20_0p0000001");
    }

    @Test
    void namesOtherParametersInTheirOrder() {
        assertThat(Indicators.create("stoch", Map.of("window", 5, "smooth_k", 1, "smooth_d", 4)).columns())
                .containsExactly("stoch_k_5_1_4", "stoch_d_5_1_4");
        assertThat(Indicators.create("returns", Map.of("kind", "log", "period", 5)).columns())
                .containsExactly("log_return_5");
        assertThat(Indicators.create("vwap", Map.of("window", 30)).columns()).containsExactly("vwap_30");
        assertThat(Indicators.create("volatility", Map.of("window", 10, "periods_per_year", 365, "ddof", 0))
                .columns()).containsExactly("volatility_10");
    }

    @Test
    void acceptsWholeNumbersInEveryJsonForm() {
        for (Object twenty : new Object[] {20, 20L, 20.0, new BigDecimal("20.000"), (short) 20}) {
            assertThat(Indicators.create("sma", Map.of("window", twenty)).columns()).containsExactly("sma_20");
        }
        assertThat(Indicators.create("bbands", Map.of("k", 3)).columns()).first().isEqualTo("bb_upper_20_3");
    }

    @Test
    void rejectsAnUnknownTypeListingTheKnownOnes() {
        IndicatorParameterException e = catchThrowableOfType(IndicatorParameterException.class,
                () -> Indicators.create("smaa", Map.of()));

        assertThat(e.parameter()).isEqualTo("type");
        assertThat(e).hasMessage("unknown indicator type the string \"smaa\"; expected one of atr, bbands, donchian, "
                + "ema, macd, obv, returns, rsi, sma, stoch, volatility, vwap, wma, zscore");
        assertThatThrownBy(() -> Indicators.inputs("SMA")).isInstanceOf(IndicatorParameterException.class)
                .hasMessageContaining("\"SMA\"");
        assertThatThrownBy(() -> Indicators.create(null, Map.of())).isInstanceOf(IndicatorParameterException.class)
                .hasMessageStartingWith("unknown indicator type null;");
    }

    @Test
    void rejectsAnUnknownParameterListingTheAcceptedOnes() {
        assertError("sma", Map.of("windw", 20), "windw", "sma has no parameter \"windw\"; expected one of window");
        assertError("macd", Map.of("fast", 5, "period", 9), "period",
                "macd has no parameter \"period\"; expected one of fast, slow, signal");
        assertError("obv", Map.of("window", 3), "window", "obv has no parameter \"window\"; expected no parameters");
    }

    @Test
    void rejectsParametersOfTheWrongType() {
        assertError("sma", Map.of("window", "20"), "window",
                "sma window: expected an integer from 2 to 100000, found the string \"20\"");
        assertError("sma", Map.of("window", 20.5), "window",
                "sma window: expected an integer from 2 to 100000, found 20.5");
        assertError("rsi", Map.of("window", true), "window",
                "rsi window: expected an integer from 2 to 100000, found the boolean true");
        Map<String, Object> nullWindow = new HashMap<>();
        nullWindow.put("window", null);
        assertError("ema", nullWindow, "window", "ema window: expected an integer from 2 to 100000, found null");
        assertError("bbands", Map.of("k", "2"), "k",
                "bbands k: expected a number greater than 0, found the string \"2\"");
        assertError("returns", Map.of("kind", 1), "kind",
                "returns kind: expected one of \"simple\", \"log\", found 1");
        assertError("vwap", Map.of("zone", List.of("UTC")), "zone", "vwap zone: expected a string, found an array");
    }

    @Test
    void rejectsImpossibleValues() {
        assertError("sma", Map.of("window", 0), "window",
                "sma window: expected an integer from 2 to 100000, found 0");
        assertError("wma", Map.of("window", -5), "window",
                "wma window: expected an integer from 2 to 100000, found -5");
        assertError("sma", Map.of("window", 1), "window", "sma window: expected an integer from 2 to 100000, found 1");
        assertError("ema", Map.of("window", 100_001), "window",
                "ema window: expected an integer from 2 to 100000, found 100001");
        assertError("ema", Map.of("window", 10_000_000_000L), "window",
                "ema window: expected an integer from 2 to 100000, found 10000000000");
        assertError("atr", Map.of("window", 0), "window", "atr window: expected an integer from 1 to 100000, found 0");
        assertError("bbands", Map.of("k", 0), "k", "bbands k: expected a number greater than 0, found 0");
        assertError("bbands", Map.of("k", -1.5), "k", "bbands k: expected a number greater than 0, found -1.5");
        assertError("bbands", Map.of("k", Double.NaN), "k", "bbands k: expected a number greater than 0, found NaN");
        assertError("volatility", Map.of("periods_per_year", 0.0), "periods_per_year",
                "volatility periods_per_year: expected a number greater than 0, found 0.0");
        assertError("volatility", Map.of("ddof", 2), "ddof",
                "volatility ddof: expected an integer from 0 to 1, found 2");
        assertError("returns", Map.of("kind", "ln"), "kind",
                "returns kind: expected one of \"simple\", \"log\", found the string \"ln\"");
        assertError("stoch", Map.of("smooth_d", 0), "smooth_d",
                "stoch smooth_d: expected an integer from 1 to 100000, found 0");
    }

    @Test
    void rejectsAMacdWhoseFastWindowIsNotShorterThanTheSlowOne() {
        assertError("macd", Map.of("fast", 26, "slow", 12), "fast",
                "macd fast: expected fewer bars than slow (12), found 26");
        assertError("macd", Map.of("fast", 26), "fast", "macd fast: expected fewer bars than slow (26), found 26");
    }

    @Test
    void rejectsAVwapZoneThatIsNoZoneOrComesWithAWindow() {
        assertError("vwap", Map.of("zone", "Mars/Olympus"), "zone",
                "vwap zone: expected a time zone such as UTC, America/New_York or +05:30, found the string "
                        + "\"Mars/Olympus\"");
        assertError("vwap", Map.of("zone", "UTC", "window", 20), "zone",
                "vwap zone: applies only to the per-day VWAP, found it together with window; expected one of "
                        + "them, not both");
    }

    @Test
    void tellsWhichBarFieldsEachTypeReads() {
        assertThat(Indicators.inputs("sma")).containsExactly("close");
        assertThat(Indicators.inputs("atr")).containsExactly("high", "low", "close");
        assertThat(Indicators.inputs("stoch")).containsExactly("high", "low", "close");
        assertThat(Indicators.inputs("obv")).containsExactly("close", "volume");
        assertThat(Indicators.inputs("vwap")).containsExactly("high", "low", "close", "volume");
        assertThat(Indicators.inputs("donchian")).containsExactly("high", "low");
        for (String type : Indicators.types()) {
            assertThat(Indicators.inputs(type)).as(type).isNotEmpty()
                    .isSubsetOf("open", "high", "low", "close", "volume");
        }
    }

    @Test
    void describesParametersWithTheirDefaultsAndLimits() {
        IndicatorSpec bbands = Indicators.spec("bbands");

        assertThat(bbands.parameters()).containsExactly(
                new ParameterSpec("window", ParameterSpec.Kind.INTEGER, 20, 2, false, 100_000, List.of(),
                        "Bars in the window."),
                new ParameterSpec("k", ParameterSpec.Kind.NUMBER, 2.0, 0.0, true, null, List.of(),
                        "Standard deviations from the middle band."));
        assertThat(Indicators.spec("returns").parameters().get(0).choices()).containsExactly("simple", "log");
        assertThat(Indicators.spec("vwap").parameters().get(0).defaultValue()).isNull();
        assertThat(Indicators.spec("volatility").parameters().get(1).defaultValue())
                .isEqualTo(Indicators.DEFAULT_PERIODS_PER_YEAR);
    }

    @Test
    void everyDeclaredDefaultIsAcceptedWhenGivenExplicitly() {
        for (String type : Indicators.types()) {
            Map<String, Object> explicit = new HashMap<>();
            for (ParameterSpec parameter : Indicators.spec(type).parameters()) {
                if (parameter.defaultValue() != null) {
                    explicit.put(parameter.name(), parameter.defaultValue());
                }
            }
            assertThat(Indicators.create(type, explicit).columns()).as(type)
                    .isEqualTo(Indicators.create(type, Map.of()).columns());
        }
    }

    private static void assertError(String type, Map<String, ?> params, String parameter, String message) {
        IndicatorParameterException e = catchThrowableOfType(IndicatorParameterException.class,
                () -> Indicators.create(type, params));
        assertThat(e).as("error for %s %s", type, params).isNotNull().hasMessage(message);
        assertThat(e.parameter()).isEqualTo(parameter);
    }
}
