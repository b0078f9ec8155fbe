package io.signalbox.processors.cli;

import io.signalbox.processors.BadInputException;
import io.signalbox.processors.engine.EngineInput;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.processors.engine.ProgressListener;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The engine on the command line.
 *
 * <pre>
 * process --recipe default|FILE|JSON [--signals FILE] IN.csv[.gz] -o OUT.csv[.gz] [--summary S.json] [--summary-only]
 * bench [--rows N] [--symbols N] [--summary-only] [--keep DIR]
 * </pre>
 *
 * <p>{@code -} reads standard input or writes standard output. Exit codes: 0 done, 2 usage error, 3 bad input (the
 * message on standard error names the file, line and column or the recipe's JSON path), 1 anything else.
 */
public final class EngineCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;

    private static final String USAGE_TEXT = String.join("\n",
            "usage:",
            "  process --recipe default|FILE|JSON [--signals FILE] IN.csv[.gz] -o OUT.csv[.gz] [--summary S.json]",
            "          [--summary-only]          (- reads stdin / writes stdout)",
            "  bench [--rows N] [--symbols N] [--summary-only] [--keep DIR]",
            "          (--keep leaves prices.csv, result.csv and summary.json in DIR, to compare other tools on them)");

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream stdin;

    EngineCli(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = new EngineCli(System.in, System.out, System.err).execute(args);
        System.out.flush();
        System.exit(code);
    }

    int execute(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return switch (args[0]) {
                case "process" -> process(rest);
                case "bench" -> bench(rest);
                case "-h", "--help", "help" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new UsageException("unknown command \"" + args[0] + "\"");
            };
        } catch (UsageException e) {
            err.println("signalbox: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (BadInputException e) {
            err.println("signalbox: " + e.getMessage());
            return BAD_INPUT;
        } catch (MissingFileException e) {
            err.println("signalbox: no such file: " + e.getMessage());
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("signalbox: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("signalbox: " + e);
            return FAILED;
        }
    }

    private int process(String[] args) {
        String recipeArg = null;
        String signals = null;
        String input = null;
        String output = null;
        String summary = null;
        boolean summaryOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--recipe" -> recipeArg = value(args, ++i, "--recipe");
                case "--signals" -> signals = value(args, ++i, "--signals");
                case "-o", "--output" -> output = value(args, ++i, "-o");
                case "--summary" -> summary = value(args, ++i, "--summary");
                case "--summary-only" -> summaryOnly = true;
                default -> {
                    if (args[i].startsWith("--") || input != null) {
                        throw new UsageException("unexpected argument \"" + args[i] + "\"");
                    }
                    input = args[i];
                }
            }
        }
        if (input == null) {
            throw new UsageException("no input file given");
        }
        if (output == null && !summaryOnly) {
            throw new UsageException("no output given; expected -o OUT.csv or --summary-only");
        }
        Recipe recipe = recipe(recipeArg == null ? "default" : recipeArg);
        try (InputStream prices = open(input);
                InputStream signalsIn = signals == null ? null : open(signals);
                OutputStream result = summaryOnly ? null : create(output);
                OutputStream summaryOut = summary == null ? (summaryOnly ? nonClosing(out) : null)
                        : create(summary)) {
            OutputStream csv = result;
            GZIPOutputStream gzip = null;
            if (result != null && output.endsWith(".gz") && !recipe.output().gzip()) {
                gzip = new GZIPOutputStream(result, 1 << 16);
                csv = gzip;
            }
            EngineInput engineInput = new EngineInput(name(input), prices, signals == null ? null : name(signals),
                    signalsIn);
            EngineReport report = SignalEngine.builder().build().run(engineInput, recipe, csv, summaryOut,
                    ProgressListener.NONE);
            if (gzip != null) {
                gzip.finish();
            }
            if (!"-".equals(output) || summaryOnly) {
                err.printf(Locale.ROOT, "%d rows, %d symbols, %d skipped%n", report.rows(), report.symbols(),
                        report.rowsSkipped());
            }
            return OK;
        } catch (IOException e) {
            throw new UncheckedIOException("I/O failed", e);
        }
    }

    private int bench(String[] args) {
        long rows = 5_000_000;
        int symbols = 8;
        boolean summaryOnly = false;
        Path keep = null;
        SamplePrices.Layout layout = SamplePrices.Layout.INTERLEAVED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep" -> keep = Path.of(value(args, ++i, "--keep"));
                case "--layout" -> layout = switch (value(args, ++i, "--layout")) {
                    case "interleaved" -> SamplePrices.Layout.INTERLEAVED;
                    case "grouped" -> SamplePrices.Layout.GROUPED;
                    default -> throw new UsageException("--layout takes interleaved or grouped");
                };
                case "--rows" -> rows = parseLong(value(args, ++i, "--rows"), "--rows");
                case "--symbols" -> symbols = (int) parseLong(value(args, ++i, "--symbols"), "--symbols");
                case "--summary-only" -> summaryOnly = true;
                default -> throw new UsageException("unexpected argument \"" + args[i] + "\"");
            }
        }
        if (rows < 1 || symbols < 1 || symbols > 100_000) {
            throw new UsageException("--rows must be positive and --symbols 1 to 100000");
        }
        Path dir = null;
        try {
            dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("signalbox-bench");
            Path prices = dir.resolve("prices.csv");
            long generateStart = System.nanoTime();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(prices), 1 << 16)) {
                SamplePrices.builder().rows(rows).symbols(symbols).layout(layout).build().writeTo(file);
            }
            long size = Files.size(prices);
            out.printf(Locale.ROOT, "generated %,d rows of %d symbols, %s, %.1f MB, in %.1f s%n", rows, symbols,
                    layout.name().toLowerCase(Locale.ROOT), size / 1e6, (System.nanoTime() - generateStart) / 1e9);
            Recipe recipe = Recipes.preset("default");
            Path result = dir.resolve("result.csv");
            Path summary = dir.resolve("summary.json");
            resetPeaks();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            EngineReport report;
            try (InputStream in = new FileInputStream(prices.toFile());
                    OutputStream csv = summaryOnly ? null : new FileOutputStream(result.toFile());
                    OutputStream json = new FileOutputStream(summary.toFile())) {
                report = SignalEngine.builder().build().run(EngineInput.prices("prices.csv", in), recipe, csv,
                        json, ProgressListener.NONE);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long outputSize = summaryOnly ? 0 : Files.size(result);
            out.printf(Locale.ROOT, "processed %,d rows (%d symbols) with the default recipe%s in %.2f s%n",
                    report.rows(), report.symbols(), summaryOnly ? ", summary only" : ", full CSV", seconds);
            out.printf(Locale.ROOT, "rows/s        %,.0f%n", report.rows() / seconds);
            out.printf(Locale.ROOT, "input MB/s    %.1f%n", size / 1e6 / seconds);
            if (!summaryOnly) {
                out.printf(Locale.ROOT, "output        %.1f MB (%.1f MB/s)%n", outputSize / 1e6,
                        outputSize / 1e6 / seconds);
            }
            out.printf(Locale.ROOT, "cpu time      %.2f s (%.0f%% of one core; %d cores, load %s)%n", cpuSeconds,
                    100 * cpuSeconds / seconds, Runtime.getRuntime().availableProcessors(), loadAverage());
            out.printf(Locale.ROOT, "peak heap     %.1f MB (max heap %.0f MB)%n", peakHeap() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
            String hwm = residentPeak();
            out.printf(Locale.ROOT, "peak RSS      %s%n", hwm);
            out.printf(Locale.ROOT, "java          %s%n", System.getProperty("java.version"));
            if (keep != null) {
                out.printf(Locale.ROOT, "kept          %s (prices.csv, %ssummary.json)%n", dir,
                        summaryOnly ? "" : "result.csv, ");
            }
            return OK;
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

    private Recipe recipe(String arg) {
        if (Recipes.PRESETS.contains(arg)) {
            return Recipes.preset(arg);
        }
        if (arg.stripLeading().startsWith("{")) {
            return Recipes.parse(arg);
        }
        Path path = Path.of(arg);
        if (!Files.exists(path)) {
            throw new UsageException("--recipe " + arg + " is neither a preset (" + String.join(", ", Recipes.PRESETS)
                    + "), a recipe document nor a file");
        }
        try {
            return Recipes.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + arg + " failed", e);
        }
    }

    private InputStream open(String name) throws IOException {
        if ("-".equals(name)) {
            return new FilterInputStream(stdin) {
                @Override
                public void close() {
                }
            };
        }
        try {
            return Files.newInputStream(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new MissingFileException(name);
        }
    }

    private OutputStream create(String name) throws IOException {
        if ("-".equals(name)) {
            return nonClosing(out);
        }
        return new FileOutputStream(name);
    }

    private static OutputStream nonClosing(OutputStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    private static String name(String path) {
        return "-".equals(path) ? "stdin" : Path.of(path).getFileName().toString();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static long parseLong(String text, String option) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, not \"" + text + "\"");
        }
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class MissingFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingFileException(String message) {
            super(message);
        }
    }
}
