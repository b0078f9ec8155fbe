package io.signalbox.bench.engine;

import io.signalbox.processors.engine.EngineInput;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.processors.engine.ProgressListener;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole engine with the default preset over {@value #ROWS} in-memory rows of 8 symbols, interleaved or grouped,
 * writing the CSV or Parquet result to a discarding stream or computing the summary only, so that neither disk nor
 * page cache is measured; with one thread or two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx256m")
public class EngineBenchmark {

    static final int ROWS = 200_000;

    @Param({"1", "2"})
    public int threads;

    @Param({"INTERLEAVED", "GROUPED"})
    public SamplePrices.Layout layout;

    private byte[] file;
    private SignalEngine engine;
    private final Recipe recipe = Recipes.preset("default");
    private final Recipe parquet = recipe.withOutput(recipe.output().withFormat(OutputSettings.Format.PARQUET));

    @Setup
    public void generate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplePrices.builder().rows(ROWS).symbols(8).layout(layout).build().writeTo(out);
        file = out.toByteArray();
        engine = SignalEngine.builder().threads(threads).build();
    }

    @Benchmark
    public EngineReport fullCsv() {
        return engine.run(EngineInput.prices("bench.csv", new ByteArrayInputStream(file)), recipe,
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), ProgressListener.NONE);
    }

    @Benchmark
    public EngineReport parquet() {
        return engine.run(EngineInput.prices("bench.csv", new ByteArrayInputStream(file)), parquet,
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), ProgressListener.NONE);
    }

    @Benchmark
    public EngineReport summaryOnly() {
        return engine.run(EngineInput.prices("bench.csv", new ByteArrayInputStream(file)), recipe, null,
                OutputStream.nullOutputStream(), ProgressListener.NONE);
    }
}
