package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VWAP per day and over a rolling window, against sums written out in decimal. */
class VwapTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void dailyVwapRestartsAtMidnightOfTheZoneAcrossADaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        PriceSeries s = hourly(PriceSeries.randomWalk("walk", 11, 24 * 6, 100.0, 0.01), "2024-03-08T00:00:00Z");
        Indicator vwap = Indicators.create("vwap", Map.of("zone", "America/New_York"));

        assertThat(vwap.columns()).containsExactly("vwap_day");
        assertColumn("vwap_day", s, s.run(vwap)[0], expectedDaily(s, newYork), 0.0);
    }

    @Test
    void dailyVwapUsesUtcDaysByDefault() {
        PriceSeries s = hourly(PriceSeries.randomWalk("walk", 12, 24 * 4, 100.0, 0.01), "2024-01-01T07:00:00Z");
        Indicator vwap = Indicators.create("vwap", Map.of());

        double[] actual = s.run(vwap)[0];

        assertColumn("vwap_day", s, actual, expectedDaily(s, ZoneId.of("UTC")), 0.0);
        int firstBarOfSecondDay = 17;
        assertThat(Instant.ofEpochMilli(s.times()[firstBarOfSecondDay])).hasToString("2024-01-02T00:00:00Z");
        double typical = (s.high()[17] + s.low()[17] + s.close()[17]) / 3.0;
        assertThat(actual[firstBarOfSecondDay]).isCloseTo(typical, withinPercentage(1e-10));
    }

    @Test
    void dailyVwapIsEmptyWhileTheDayHasNoVolume() {
        PriceSeries walk = hourly(PriceSeries.randomWalk("walk", 13, 48, 100.0, 0.01), "2024-01-01T00:00:00Z");
        double[] volume = walk.volume().clone();
        Arrays.fill(volume, 0, 3, 0.0);
        Arrays.fill(volume, 24, 26, 0.0);
        PriceSeries s = new PriceSeries("walk with silent day openings", walk.times(), walk.open(), walk.high(),
                walk.low(), walk.close(), volume);

        double[] actual = s.run(Indicators.create("vwap", Map.of()))[0];

        assertThat(Arrays.copyOfRange(actual, 0, 3)).containsOnly(Double.NaN);
        assertThat(Arrays.copyOfRange(actual, 24, 26)).containsOnly(Double.NaN);
        assertColumn("vwap_day", s, actual, expectedDaily(s, ZoneId.of("UTC")), 0.0);
    }

    @Test
    void rollingVwapMatchesTheSumsOverItsWindow() {
        for (PriceSeries s : new PriceSeries[] {
                PriceSeries.randomWalk("random walk", 14, 1000, 100.0, 0.01),
                PriceSeries.withGaps("walk with jumps", 15, 1000),
                PriceSeries.randomWalk("walk", 16, 500, 1.0, 0.01).scaled("tiny walk", 1e-8),
                PriceSeries.randomWalk("walk", 17, 500, 1.0, 0.01).scaled("huge walk", 1e12)}) {
            for (int window : new int[] {1, 20, 60}) {
                Indicator vwap = Indicators.create("vwap", Map.of("window", window));
                assertThat(vwap.columns()).containsExactly("vwap_" + window);
                assertThat(vwap.lookback()).isEqualTo(window - 1);
                assertColumn("vwap_" + window, s, s.run(vwap)[0], expectedRolling(s, window), 0.0);
            }
        }
    }

    private static double[] expectedDaily(PriceSeries s, ZoneId zone) {
        double[] expected = new double[s.size()];
        int dayStart = 0;
        for (int bar = 0; bar < s.size(); bar++) {
            if (!localDate(s, bar, zone).equals(localDate(s, dayStart, zone))) {
                dayStart = bar;
            }
            expected[bar] = vwap(s, dayStart, bar + 1);
        }
        return expected;
    }

    private static double[] expectedRolling(PriceSeries s, int window) {
        double[] expected = new double[s.size()];
        for (int bar = 0; bar < s.size(); bar++) {
            expected[bar] = bar + 1 < window ? Double.NaN : vwap(s, bar + 1 - window, bar + 1);
        }
        return expected;
    }

    private static double vwap(PriceSeries s, int from, int to) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal volume = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            BigDecimal v = new BigDecimal(s.volume()[i]);
            weighted = weighted.add(Exact.typicalPrice(s.high()[i], s.low()[i], s.close()[i]).multiply(v));
            volume = volume.add(v);
        }
        return volume.signum() == 0 ? Double.NaN : weighted.divide(volume, Exact.CONTEXT).doubleValue();
    }

    private static LocalDate localDate(PriceSeries s, int bar, ZoneId zone) {
        return Instant.ofEpochMilli(s.times()[bar]).atZone(zone).toLocalDate();
    }

    private static PriceSeries hourly(PriceSeries s, String start) {
        long first = Instant.parse(start).toEpochMilli();
        long[] times = new long[s.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = first + i * HOUR;
        }
        return new PriceSeries(s.name() + " hourly from " + start, times, s.open(), s.high(), s.low(), s.close(),
                s.volume());
    }
}
