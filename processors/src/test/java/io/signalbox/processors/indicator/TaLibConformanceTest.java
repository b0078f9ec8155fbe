package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static io.signalbox.processors.indicator.ColumnAssert.maxAbs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every indicator that TA-Lib also has, against TA-Lib's Java port: on random walks, a tick grid full of ties,
 * constant prices, large jumps, tiny (1e-8) and huge (1e12) prices and series shorter than the lookback, with
 * default and other parameters. Same empty cells, values equal to 1e-9 relative (see {@link ColumnAssert}), and
 * the same lookback.
 */
class TaLibConformanceTest {

    private static final double NO_SCALE = 0.0;
    private static final double OSCILLATOR_SCALE = 100.0;

    static List<PriceSeries> series() {
        List<PriceSeries> all = new ArrayList<>();
        all.add(PriceSeries.randomWalk("random walk", 1, 2000, 100.0, 0.01));
        all.add(PriceSeries.randomWalk("volatile walk", 2, 1000, 50.0, 0.05));
        all.add(PriceSeries.ticks("tick grid with ties", 3, 1500));
        all.add(PriceSeries.withGaps("walk with jumps up to x10", 4, 2000));
        all.add(PriceSeries.constant("constant 100.1", 300, 100.1));
        all.add(PriceSeries.constant("constant 1.23e11", 300, 123_456_789_012.345));
        all.add(PriceSeries.randomWalk("tiny walk", 5, 1000, 1.0, 0.01).scaled("tiny walk near 1e-8", 1e-8));
        all.add(PriceSeries.randomWalk("huge walk", 6, 1000, 1.0, 0.01).scaled("huge walk near 1e12", 1e12));
        PriceSeries source = PriceSeries.randomWalk("short walk", 7, 40, 100.0, 0.02);
        for (int bars : new int[] {1, 2, 3, 13, 14, 15, 19, 20, 21, 33, 34, 35}) {
            all.add(source.head("walk of " + bars + " bars", bars));
        }
        return all;
    }

    private static Stream<Arguments> withSeries(Object... parameterSets) {
        return Stream.of(parameterSets).flatMap(p -> series().stream().map(s -> Arguments.of(p, s)));
    }

    static Stream<Arguments> averageWindows() {
        return withSeries(2, 5, 20, 50);
    }

    static Stream<Arguments> rsiWindows() {
        return withSeries(2, 14, 30);
    }

    static Stream<Arguments> atrWindows() {
        return withSeries(1, 2, 14, 30);
    }

    static Stream<Arguments> extremumWindows() {
        return withSeries(2, 20, 55);
    }

    static Stream<Arguments> returnPeriods() {
        return withSeries(1, 5);
    }

    static Stream<Arguments> macdParameters() {
        return withSeries(new int[] {12, 26, 9}, new int[] {5, 35, 5}, new int[] {2, 3, 2});
    }

    static Stream<Arguments> bbandsParameters() {
        return withSeries(new Object[] {20, 2.0}, new Object[] {5, 1.0}, new Object[] {10, 2.5});
    }

    static Stream<Arguments> stochParameters() {
        return withSeries(new int[] {14, 3, 3}, new int[] {5, 3, 3}, new int[] {14, 1, 1}, new int[] {1, 1, 1},
                new int[] {9, 4, 2});
    }

    static Stream<Arguments> allSeries() {
        return series().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "sma {0} on {1}")
    @MethodSource("averageWindows")
    void smaMatchesTaLib(int window, PriceSeries s) {
        Indicator sma = Indicators.create("sma", Map.of("window", window));
        assertMatches(sma, s, TaLib.sma(s, window), NO_SCALE);
    }

    @ParameterizedTest(name = "ema {0} on {1}")
    @MethodSource("averageWindows")
    void emaMatchesTaLib(int window, PriceSeries s) {
        Indicator ema = Indicators.create("ema", Map.of("window", window));
        assertMatches(ema, s, TaLib.ema(s, window), NO_SCALE);
    }

    @ParameterizedTest(name = "wma {0} on {1}")
    @MethodSource("averageWindows")
    void wmaMatchesTaLib(int window, PriceSeries s) {
        Indicator wma = Indicators.create("wma", Map.of("window", window));
        assertMatches(wma, s, TaLib.wma(s, window), NO_SCALE);
    }

    @ParameterizedTest(name = "rsi {0} on {1}")
    @MethodSource("rsiWindows")
    void rsiMatchesTaLib(int window, PriceSeries s) {
        Indicator rsi = Indicators.create("rsi", Map.of("window", window));
        assertMatches(rsi, s, TaLib.rsi(s, window), OSCILLATOR_SCALE);
    }

    @ParameterizedTest(name = "macd {0} on {1}")
    @MethodSource("macdParameters")
    void macdMatchesTaLib(int[] p, PriceSeries s) {
        Indicator macd = Indicators.create("macd", Map.of("fast", p[0], "slow", p[1], "signal", p[2]));
        assertMatches(macd, s, TaLib.macd(s, p[0], p[1], p[2]), maxAbs(s.close()));
    }

    @ParameterizedTest(name = "bbands {0} on {1}")
    @MethodSource("bbandsParameters")
    void bbandsMatchTaLib(Object[] p, PriceSeries s) {
        int window = (Integer) p[0];
        double k = (Double) p[1];
        Indicator bbands = Indicators.create("bbands", Map.of("window", window, "k", k));
        assertMatches(bbands, s, TaLib.bbands(s, window, k), NO_SCALE);
    }

    @ParameterizedTest(name = "atr {0} on {1}")
    @MethodSource("atrWindows")
    void atrMatchesTaLib(int window, PriceSeries s) {
        Indicator atr = Indicators.create("atr", Map.of("window", window));
        assertMatches(atr, s, TaLib.atr(s, window), NO_SCALE);
    }

    @ParameterizedTest(name = "stoch {0} on {1}")
    @MethodSource("stochParameters")
    void stochMatchesTaLib(int[] p, PriceSeries s) {
        Indicator stoch = Indicators.create("stoch", Map.of("window", p[0], "smooth_k", p[1], "smooth_d", p[2]));
        assertMatches(stoch, s, TaLib.stoch(s, p[0], p[1], p[2]), OSCILLATOR_SCALE);
    }

    @ParameterizedTest(name = "obv on {0}")
    @MethodSource("allSeries")
    void obvMatchesTaLib(PriceSeries s) {
        assertMatches(Indicators.create("obv", Map.of()), s, TaLib.obv(s), maxAbs(s.volume()));
    }

    @ParameterizedTest(name = "simple return {0} on {1}")
    @MethodSource("returnPeriods")
    void simpleReturnMatchesTaLibRocp(int period, PriceSeries s) {
        Indicator returns = Indicators.create("returns", Map.of("kind", "simple", "period", period));
        assertMatches(returns, s, TaLib.rocp(s, period), NO_SCALE);
    }

    @ParameterizedTest(name = "donchian {0} on {1}")
    @MethodSource("extremumWindows")
    void donchianMatchesTaLibMaxAndMin(int window, PriceSeries s) {
        Indicator donchian = Indicators.create("donchian", Map.of("window", window));
        TaLib.Output upper = TaLib.max(s, s.high(), window);
        TaLib.Output lower = TaLib.min(s, s.low(), window);
        double[] middle = new double[s.size()];
        for (int bar = 0; bar < middle.length; bar++) {
            middle[bar] = (upper.columns()[0][bar] + lower.columns()[0][bar]) / 2.0;
        }
        TaLib.Output channel = new TaLib.Output(upper.lookback(),
                new double[][] {upper.columns()[0], middle, lower.columns()[0]});
        assertMatches(donchian, s, channel, NO_SCALE);
    }

    private static void assertMatches(Indicator indicator, PriceSeries s, TaLib.Output expected, double scale) {
        assertThat(indicator.lookback()).as("lookback of %s", indicator.columns()).isEqualTo(expected.lookback());
        double[][] actual = s.run(indicator);
        for (int c = 0; c < actual.length; c++) {
            assertColumn(indicator.columns().get(c), s, actual[c], expected.columns()[c], scale);
        }
    }
}
