package io.signalbox.processors.cli;

import io.signalbox.processors.csv.CountingInputStream;
import io.signalbox.processors.engine.EngineInput;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: writes a deterministic prices file, runs the default preset over it and prints speed and memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Writes a deterministic file of minute bars, runs the default preset over it writing the "
            + "result (or the summary only), and prints rows/s, input MB/s, CPU time, peak heap and peak RSS.",
            "Run it with JAVA_OPTS=-Xmx256m to see the engine within the service's memory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed: the benchmark's files could not be written", "2:usage error"})
final class BenchCommand implements Callable<Integer> {

    /** How the symbols' rows follow each other in the generated file. */
    enum Layout {
        interleaved(SamplePrices.Layout.INTERLEAVED),
        grouped(SamplePrices.Layout.GROUPED);

        final SamplePrices.Layout sample;

        Layout(SamplePrices.Layout sample) {
            this.sample = sample;
        }
    }

    private final Console console;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private Options options;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "5000000", description = "data rows; default "
            + "${DEFAULT-VALUE}")
    private long rows;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "8", description = "distinct symbols, 1 to "
            + "100000; default ${DEFAULT-VALUE}")
    private int symbols;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "interleaved", description = "interleaved "
            + "(one row per symbol per minute, as files sorted by time come) or grouped (one symbol after "
            + "another); default ${DEFAULT-VALUE}")
    private Layout layout;

    @Option(names = "--summary-only", description = "compute everything but write no result")
    private boolean summaryOnly;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "the result's format, "
            + "csv or parquet; default ${DEFAULT-VALUE}")
    private OutputSettings.Format format;

    @Option(names = "--keep", paramLabel = "DIR", description = "work in DIR and leave prices.csv, the result and "
            + "summary.json there, to run other tools on the same input")
    private Path keep;

    BenchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (rows < 1 || symbols < 1 || symbols > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be positive and --symbols "
                    + "1 to 100000");
        }
        SignalEngine engine = options.engine(spec);
        Recipe recipe = Options.withFormat(Recipes.preset("default"), format, spec);
        PrintStream out = console.out();
        Path dir = null;
        try {
            dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("signalbox-bench");
            Path prices = dir.resolve("prices.csv");
            long generateStart = System.nanoTime();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(prices), 1 << 16)) {
                SamplePrices.builder().rows(rows).symbols(symbols).layout(layout.sample).build().writeTo(file);
            }
            long size = Files.size(prices);
            out.printf(Locale.ROOT, "generated %,d rows of %d symbols, %s, %.1f MB, in %.1f s%n", rows, symbols,
                    layout, size / 1e6, (System.nanoTime() - generateStart) / 1e9);
            Path result = dir.resolve("result." + recipe.output().fileExtension());
            Path summary = dir.resolve("summary.json");
            resetPeaks();
            long cpuStart = processCpuNanos();
            long jitStart = compilationMillis();
            long start = System.nanoTime();
            EngineReport report;
            try (CountingInputStream in = new CountingInputStream(Files.newInputStream(prices));
                    OutputStream target = summaryOnly ? null : new FileOutputStream(result.toFile());
                    OutputStream json = new FileOutputStream(summary.toFile())) {
                report = ProgressBar.around(options.progress(), console.err(), in,
                        size, listener -> engine.run(EngineInput.prices("prices.csv", in), recipe, target, json,
                                listener));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long jitMillis = compilationMillis() - jitStart;
            long outputSize = summaryOnly ? 0 : Files.size(result);
            out.printf(Locale.ROOT, "processed %,d rows (%d symbols, %s) with the default recipe%s in %.2f s%n",
                    report.rows(), report.symbols(), layout, summaryOnly ? ", summary only"
                            : ", full " + recipe.output().format().recipeName(), seconds);
            out.printf(Locale.ROOT, "rows/s        %,.0f%n", report.rows() / seconds);
            out.printf(Locale.ROOT, "input MB/s    %.1f%n", size / 1e6 / seconds);
            if (!summaryOnly) {
                out.printf(Locale.ROOT, "output        %.1f MB (%.1f MB/s)%n", outputSize / 1e6,
                        outputSize / 1e6 / seconds);
            }
            out.printf(Locale.ROOT, "cpu time      %.2f s (%.0f%% of one core; %d threads, %d cores, load %s)%n",
                    cpuSeconds, 100 * cpuSeconds / seconds, options.threads() == null
                            ? Runtime.getRuntime().availableProcessors() : options.threads(),
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            if (jitMillis >= 0) {
                out.printf(Locale.ROOT, "jit time      %.2f s (the JIT compilers' time within the run)%n",
                        jitMillis / 1e3);
            }
            out.printf(Locale.ROOT, "peak heap     %.1f MB (max heap %.0f MB)%n", peakHeap() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
            out.printf(Locale.ROOT, "peak RSS      %s%n", residentPeak());
            out.printf(Locale.ROOT, "java          %s%n", System.getProperty("java.version"));
            if (keep != null) {
                out.printf(Locale.ROOT, "kept          %s (prices.csv, %ssummary.json)%n", dir,
                        summaryOnly ? "" : result.getFileName() + ", ");
            }
            return EngineCli.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark files in " + dir + " failed", e);
        } finally {
            if (keep == null) {
                deleteQuietly(dir);
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The JIT compilers' accumulated time, or -1 where the JVM does not say. */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return String.format(Locale.ROOT, "%.1f MB", Long.parseLong(parts[0]) * 1024 / 1e6);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: a leftover temporary directory is harmless
        }
    }
}
