package io.signalbox.processors.indicator;

import static io.signalbox.processors.indicator.ColumnAssert.assertColumn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MACD cases TA-Lib's Java port cannot check: it fails with an index error on a signal period of 1. */
class MacdTest {

    @Test
    void signalOfOneBarIsTheMacdLineItselfAndTheHistogramIsZero() {
        PriceSeries s = PriceSeries.withGaps("walk with jumps", 51, 2000);
        Indicator macd = Indicators.create("macd", Map.of("fast", 12, "slow", 26, "signal", 1));

        double[][] actual = s.run(macd);

        assertThat(macd.lookback()).isEqualTo(25);
        assertThat(macd.columns()).containsExactly("macd_12_26_1", "macd_signal_12_26_1", "macd_hist_12_26_1");
        double[] lineFromTaLib = TaLib.macd(s, 12, 26, 2).columns()[0];
        double[] fromBar26 = Arrays.copyOfRange(actual[0], 26, s.size());
        assertColumn("macd_12_26_1", s, fromBar26, Arrays.copyOfRange(lineFromTaLib, 26, s.size()), 100.0);
        assertThat(Arrays.copyOfRange(actual[0], 0, 25)).containsOnly(Double.NaN);
        assertThat(actual[0][25]).isNotNaN();
        assertThat(actual[1]).containsExactly(actual[0]);
        assertThat(Arrays.copyOfRange(actual[2], 25, s.size())).containsOnly(0.0);
    }
}
