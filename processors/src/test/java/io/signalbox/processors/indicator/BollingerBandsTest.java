package io.signalbox.processors.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of the Bollinger bands beyond their agreement with TA-Lib. */
class BollingerBandsTest {

    @Test
    void middleBandIsBitForBitTheSmaOfTheSameWindow() {
        for (PriceSeries s : new PriceSeries[] {
                PriceSeries.randomWalk("random walk", 81, 5000, 100.0, 0.01),
                PriceSeries.withGaps("walk with jumps", 82, 5000)}) {
            double[] middle = s.run(Indicators.create("bbands", Map.of("window", 20)))[1];
            double[] sma = s.run(Indicators.create("sma", Map.of("window", 20)))[0];
            for (int bar = 0; bar < s.size(); bar++) {
                assertThat(Double.doubleToLongBits(middle[bar])).as("%s bar %d", s.name(), bar)
                        .isEqualTo(Double.doubleToLongBits(sma[bar]));
            }
        }
    }

    @Test
    void bandsCoincideWhereTheVarianceIsBelowTaLibsZeroThreshold() {
        PriceSeries flat = PriceSeries.constant("constant", 40, 1.5);
        double[] closes = flat.close().clone();
        for (int i = 0; i < closes.length; i++) {
            closes[i] += (i % 2) * 1e-5;
        }
        PriceSeries quiet = new PriceSeries("moves of 1e-5 around 1.5", flat.times(), closes, closes, closes, closes,
                flat.volume());

        double[][] bands = quiet.run(Indicators.create("bbands", Map.of()));

        for (int bar = 19; bar < quiet.size(); bar++) {
            assertThat(bands[0][bar]).as("upper at bar %d", bar).isEqualTo(bands[1][bar]);
            assertThat(bands[2][bar]).as("lower at bar %d", bar).isEqualTo(bands[1][bar]);
        }
        assertThat(TaLib.bbands(quiet, 20, 2.0).columns()[0][25]).isEqualTo(TaLib.bbands(quiet, 20, 2.0)
                .columns()[1][25]);
    }
}
