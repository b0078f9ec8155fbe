package io.signalbox.bench.decimal;

import io.signalbox.processors.decimal.DoubleFormatter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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

/**
 * Writing doubles as text: the engine's formatter (shortest, and rounded to 6 digits) against the JDK's
 * {@code Double.toString} plus encoding, per value, over indicator-like values with full 17-digit precision, prices of
 * two decimals, and the mix of a result's cells.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormatterBenchmark {

    private static final int VALUES = 4096;

    @Param({"indicator", "price", "result"})
    public String kind;

    /** Where the text goes: one small buffer written again and again, or a run's recycled batches (8 MiB). */
    @Param({"cached", "batches"})
    public String output;

    private final double[] values = new double[VALUES];
    private byte[] buffer;
    private int start;
    private final DoubleFormatter shortest = DoubleFormatter.shortest();
    private final DoubleFormatter six = DoubleFormatter.withPrecision(6);

    @Setup
    public void generate() {
        buffer = new byte[output.equals("cached") ? VALUES * DoubleFormatter.MAX_LENGTH : 8 << 20];
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < VALUES; i++) {
            values[i] = switch (kind) {
                case "price" -> Math.round(random.nextDouble(10, 500) * 100) / 100.0;
                case "indicator" -> random.nextDouble(10, 500) * (1 + random.nextGaussian() * 1e-3);
                default -> resultCell(random, i % 16);
            };
        }
    }

    /**
     * A cell of the default preset's result, by column: moving averages and bands near the price, the RSI, the MACD
     * lines and the ATR near zero, a signal and a position of -1, 0 or 1, returns of about 1e-4, equity near 1 and a
     * drawdown below 0.
     */
    private static double resultCell(SplittableRandom random, int column) {
        double noise = 1 + random.nextGaussian() * 1e-3;
        return switch (column) {
            case 0, 1, 6, 7, 8 -> random.nextDouble(10, 500) * noise;
            case 2 -> random.nextDouble(0, 100);
            case 3, 4, 5 -> random.nextGaussian() * 0.1;
            case 9 -> random.nextDouble(0.05, 2);
            case 10, 11 -> random.nextInt(-1, 2);
            case 12, 13 -> random.nextGaussian() * 1e-3;
            case 14 -> random.nextDouble(0.5, 1.5);
            default -> -random.nextDouble(0, 0.5);
        };
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int shortest() {
        int p = next();
        for (double v : values) {
            p = shortest.format(v, buffer, p);
        }
        return p;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int sixDigits() {
        int p = next();
        for (double v : values) {
            p = six.format(v, buffer, p);
        }
        return p;
    }

    /** Where this invocation writes: always the start of a cached buffer, the next stretch of the batches. */
    private int next() {
        int stretch = VALUES * DoubleFormatter.MAX_LENGTH;
        int at = start;
        start = at + 2 * stretch > buffer.length ? 0 : at + stretch;
        return at;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int jdkToString() {
        int length = 0;
        for (double v : values) {
            length += Double.toString(v).getBytes(StandardCharsets.US_ASCII).length;
        }
        return length;
    }
}
