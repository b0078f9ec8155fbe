package io.signalbox.bench.indicator;

import io.signalbox.processors.indicator.Indicator;
import io.signalbox.processors.indicator.Indicators;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Nanoseconds per bar of each indicator type with its default parameters. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class IndicatorBenchmark {

    private static final int BATCH = 1024;

    @Param({"sma", "ema", "wma", "rsi", "macd", "bbands", "atr", "stoch", "obv", "vwap", "returns", "volatility",
            "zscore", "donchian"})
    public String type;

    private BenchmarkBars bars;
    private Indicator indicator;
    private double[] out;
    private int next;

    @Setup
    public void setUp() {
        bars = new BenchmarkBars(42);
        indicator = Indicators.create(type, Map.of());
        out = new double[indicator.columns().size()];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double update() {
        BenchmarkBars b = bars;
        double checksum = 0.0;
        for (int i = 0; i < BATCH; i++) {
            int bar = next;
            next = (bar + 1) & BenchmarkBars.MASK;
            indicator.update(b.times[bar], b.open[bar], b.high[bar], b.low[bar], b.close[bar], b.volume[bar], out, 0);
            checksum += out[0];
        }
        return checksum;
    }
}
