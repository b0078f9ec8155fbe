package io.signalbox.bench.indicator;

import io.signalbox.processors.indicator.Indicator;
import io.signalbox.processors.indicator.Indicators;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per bar for the ten columns of the {@code default} preset (SMA 20, EMA 20, RSI 14, MACD 12/26/9,
 * Bollinger 20/2, ATR 14), computed the way the engine computes them: every indicator updated for each bar into one
 * row.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DefaultPresetBenchmark {

    private static final int BATCH = 1024;

    private BenchmarkBars bars;
    private Indicator[] indicators;
    private int[] offsets;
    private double[] row;
    private int next;

    @Setup
    public void setUp() {
        bars = new BenchmarkBars(42);
        List<Indicator> preset = List.of(
                Indicators.create("sma", Map.of("window", 20)),
                Indicators.create("ema", Map.of("window", 20)),
                Indicators.create("rsi", Map.of("window", 14)),
                Indicators.create("macd", Map.of("fast", 12, "slow", 26, "signal", 9)),
                Indicators.create("bbands", Map.of("window", 20, "k", 2)),
                Indicators.create("atr", Map.of("window", 14)));
        indicators = preset.toArray(Indicator[]::new);
        offsets = new int[indicators.length];
        int width = 0;
        for (int i = 0; i < indicators.length; i++) {
            offsets[i] = width;
            width += indicators[i].columns().size();
        }
        row = new double[width];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double defaultColumns() {
        BenchmarkBars b = bars;
        double checksum = 0.0;
        for (int i = 0; i < BATCH; i++) {
            int bar = next;
            next = (bar + 1) & BenchmarkBars.MASK;
            for (int k = 0; k < indicators.length; k++) {
                indicators[k].update(b.times[bar], b.open[bar], b.high[bar], b.low[bar], b.close[bar],
                        b.volume[bar], row, offsets[k]);
            }
            checksum += row[row.length - 1];
        }
        return checksum;
    }
}
