package io.signalbox.processors.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExponentialAverageTest {

    @Test
    void isSeededWithThePlainMeanOfItsFirstPeriodValues() {
        ExponentialAverage ema = new ExponentialAverage(3);

        assertThat(ema.push(1.0)).isFalse();
        assertThat(ema.push(2.0)).isFalse();
        assertThat(ema.push(6.0)).isTrue();
        assertThat(ema.value()).isEqualTo(3.0);
        assertThat(ema.push(7.0)).isTrue();
        assertThat(ema.value()).isEqualTo(5.0);
    }

    @Test
    void periodOfOneGivesEachInputExactly() {
        ExponentialAverage ema = new ExponentialAverage(1);

        ema.push(1.0);
        ema.push(1e-20);

        assertThat(ema.value()).isEqualTo(1e-20);
    }
}
