package io.signalbox.processors.cli;

import io.signalbox.processors.csv.CountingInputStream;
import io.signalbox.processors.engine.EngineInput;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code process}: runs a recipe over a prices file, writing the result and the summary. */
@Command(name = "process", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Runs a recipe over a prices file (CSV, plain or gzip-compressed) and writes the result and "
            + "the summary.", "'-' reads standard input or writes standard output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed: a file could not be read or written, or something unexpected",
            "2:usage error", "3:bad input: the message names the file, line and column, or the recipe's JSON path"})
final class ProcessCommand implements Callable<Integer> {

    private final Console console;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private Options options;

    @Parameters(index = "0", paramLabel = "IN", description = "the prices file, CSV, plain or gzip-compressed; - "
            + "for standard input")
    private String input;

    @Option(names = "--recipe", paramLabel = "RECIPE", defaultValue = "default",
            description = "a preset (default, indicators), a recipe file, or a recipe document starting with '{'; "
                    + "default: ${DEFAULT-VALUE}")
    private String recipe;

    @Option(names = "--signals", paramLabel = "FILE", description = "a signals file joined to the bars on (symbol, "
            + "timestamp)")
    private String signals;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "the result: OUT.csv, OUT.csv.gz "
            + "(gzip-compressed), OUT.parquet, or - for standard output")
    private String output;

    @Option(names = "--summary", paramLabel = "FILE", description = "where the summary JSON goes")
    private String summary;

    @Option(names = "--summary-only", description = "compute everything but write no result; the summary goes to "
            + "--summary or standard output")
    private boolean summaryOnly;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or parquet; default: the recipe's "
            + "output format, or parquet when OUT ends in .parquet")
    private OutputSettings.Format format;


    ProcessCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (output == null && !summaryOnly) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no output given; expected -o OUT or "
                    + "--summary-only");
        }
        if (output != null && summaryOnly) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o and --summary-only exclude each other");
        }
        SignalEngine engine = options.engine(spec);
        Recipe chosen = Options.withFormat(recipe(recipe), format != null ? format
                : output != null && output.endsWith(".parquet") ? OutputSettings.Format.PARQUET : null, spec);
        long size = "-".equals(input) ? -1 : size(input);
        try (CountingInputStream prices = new CountingInputStream(open(input));
                InputStream signalsIn = signals == null ? null : open(signals);
                OutputStream result = summaryOnly ? null : create(output);
                OutputStream summaryOut = summary == null ? (summaryOnly ? nonClosing(console.out()) : null)
                        : create(summary)) {
            OutputStream target = result;
            GZIPOutputStream gzip = null;
            if (result != null && output.endsWith(".gz") && !chosen.output().gzip()
                    && chosen.output().format() == OutputSettings.Format.CSV) {
                gzip = new GZIPOutputStream(result, 1 << 16);
                target = gzip;
            }
            EngineInput files = new EngineInput(name(input), prices, signals == null ? null : name(signals),
                    signalsIn);
            OutputStream sink = target;
            EngineReport report = ProgressBar.around(options.progress(),
                    console.err(), prices, size, listener -> engine.run(files, chosen, sink, summaryOut, listener));
            if (gzip != null) {
                gzip.finish();
            }
            if (!"-".equals(output)) {
                console.err().printf(Locale.ROOT, "%d rows, %d symbols, %d skipped%n", report.rows(),
                        report.symbols(), report.rowsSkipped());
            }
            return EngineCli.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("I/O failed", e);
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
            throw new CommandLine.ParameterException(spec.commandLine(), "--recipe " + arg + " is neither a preset ("
                    + String.join(", ", Recipes.PRESETS) + "), a recipe document nor a file");
        }
        try {
            return Recipes.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + arg + " failed", e);
        }
    }

    private InputStream open(String name) throws IOException {
        if ("-".equals(name)) {
            return new FilterInputStream(console.in()) {
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

    private static long size(String name) {
        try {
            return Files.size(Path.of(name));
        } catch (IOException e) {
            return -1;
        }
    }

    private OutputStream create(String name) throws IOException {
        if ("-".equals(name)) {
            return nonClosing(console.out());
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
}
