package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EquityCurveTest {

    private static EquityCurve curveOf(int capacity, long bars) {
        EquityCurve curve = new EquityCurve(capacity);
        for (long i = 0; i < bars; i++) {
            curve.add(i * 1000, i, -i);
        }
        return curve;
    }

    @Test
    void keepsEveryBarWhileTheyFit() {
        EquityCurve curve = curveOf(10, 7);
        assertThat(curve.points()).isEqualTo(7);
        for (int i = 0; i < 7; i++) {
            assertThat(curve.millis(i)).isEqualTo(i * 1000L);
            assertThat(curve.equity(i)).isEqualTo(i);
            assertThat(curve.drawdown(i)).isEqualTo(-i);
        }
        assertThat(curveOf(10, 0).points()).isZero();
        EquityCurve full = curveOf(EquityCurve.MAX_POINTS, EquityCurve.MAX_POINTS);
        assertThat(full.points()).isEqualTo(EquityCurve.MAX_POINTS);
        assertThat(full.equity(EquityCurve.MAX_POINTS - 1)).isEqualTo(EquityCurve.MAX_POINTS - 1);
    }

    @Test
    void aMillionBarsBecome1955PointsEvery512Bars() {
        EquityCurve curve = curveOf(EquityCurve.MAX_POINTS, 1_000_000);
        assertThat(curve.points()).isEqualTo(1_955);
        assertThat(curve.equity(1)).isEqualTo(512);
        assertThat(curve.equity(1_953)).isEqualTo(1_953 * 512);
        assertThat(curve.equity(1_954)).isEqualTo(999_999);
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 11, 100, 1_999, 2_001, 4_001, 123_457, 1_000_000})
    void staysWithinItsPointsEvenlySpacedWithTheFirstAndLastBar(long bars) {
        EquityCurve curve = curveOf(EquityCurve.MAX_POINTS, bars);
        int points = curve.points();
        assertThat(points).isLessThanOrEqualTo(EquityCurve.MAX_POINTS).isGreaterThanOrEqualTo(
                (int) Math.min(bars, EquityCurve.MAX_POINTS / 2));
        assertThat(curve.equity(0)).isZero();
        assertThat(curve.equity(points - 1)).isEqualTo(bars - 1);
        assertThat(curve.millis(points - 1)).isEqualTo((bars - 1) * 1000);
        double stride = curve.equity(1) - curve.equity(0);
        assertThat(Long.bitCount((long) stride)).as("a power of two").isEqualTo(1);
        for (int i = 1; i < points - 1; i++) {
            assertThat(curve.equity(i) - curve.equity(i - 1)).isEqualTo(stride);
            assertThat(curve.drawdown(i)).isEqualTo(-curve.equity(i));
        }
        assertThat(curve.equity(points - 1) - curve.equity(points - 2)).isBetween(1.0, stride);
    }
}
