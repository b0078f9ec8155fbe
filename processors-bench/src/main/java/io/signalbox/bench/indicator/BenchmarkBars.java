package io.signalbox.bench.indicator;

import java.util.SplittableRandom;

/**
 * A deterministic in-memory OHLCV series, one minute per bar, that the benchmarks cycle through so that neither
 * disk nor parsing is measured. Its length is a power of two so that the next index is a mask, not a branch.
 */
final class BenchmarkBars {

    static final int SIZE = 1 << 16;
    static final int MASK = SIZE - 1;

    final long[] times = new long[SIZE];
    final double[] open = new double[SIZE];
    final double[] high = new double[SIZE];
    final double[] low = new double[SIZE];
    final double[] close = new double[SIZE];
    final double[] volume = new double[SIZE];

    BenchmarkBars(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double price = 100.0;
        for (int i = 0; i < SIZE; i++) {
            open[i] = price;
            price *= 1.0 + 0.01 * (random.nextDouble() - 0.5);
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) * (1.0 + 0.002 * random.nextDouble());
            low[i] = Math.min(open[i], close[i]) * (1.0 - 0.002 * random.nextDouble());
            volume[i] = Math.floor(random.nextDouble(100.0, 100_000.0));
            times[i] = 1_704_067_200_000L + i * 60_000L;
        }
    }
}
