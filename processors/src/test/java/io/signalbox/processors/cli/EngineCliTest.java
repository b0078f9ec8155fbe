package io.signalbox.processors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        EngineCli cli = new EngineCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void processesAFileIntoResultAndSummary() throws IOException {
        Path in = dir.resolve("prices.csv");
        Files.writeString(in, "date,close\n2024-01-01,1\n2024-01-02,2\n2024-01-03,4\n");
        Path recipe = dir.resolve("r.json");
        Files.writeString(recipe, "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 2}]}");
        Path result = dir.resolve("out.csv");
        Path summary = dir.resolve("s.json");
        int code = run("", "process", "--recipe", recipe.toString(), in.toString(), "-o", result.toString(),
                "--summary", summary.toString());
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(Files.readString(result)).isEqualTo("date,close,sma_2\n2024-01-01,1,\n2024-01-02,2,1.5\n"
                + "2024-01-03,4,3\n");
        assertThat(Files.readString(summary)).contains("\"rows\" : 3");
    }

    @Test
    void takesARecipeDocumentOnTheCommandLine() {
        int code = run("date,close\n2024-01-01,1\n2024-01-02,2\n", "process", "--recipe",
                " {\"version\": 1, \"indicators\": [{\"type\": \"ema\", \"window\": 2}]}", "-", "-o", "-");
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("date,close,ema_2\n2024-01-01,1,\n2024-01-02,2,1.5\n");
        assertThat(run("", "process", "--recipe", "{\"version\": 1, \"colour\": 1}", "-", "-o", "-"))
                .isEqualTo(EngineCli.BAD_INPUT);
        assertThat(err()).contains("recipe $.colour: unknown key");
    }

    @Test
    void readsStandardInputAndWritesStandardOutput() {
        int code = run("date,high,low,close\n2024-01-01,2,1,1\n", "process", "--recipe", "indicators", "-", "-o",
                "-");
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("date,high,low,close,sma_20,ema_20,rsi_14");
    }

    @Test
    void writesTheSummaryAloneWithSummaryOnly() {
        int code = run("date,high,low,close\n2024-01-01,2,1,1\n2024-01-02,2,1,1\n", "process", "--recipe",
                "indicators", "-", "--summary-only");
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"conventions\"").contains("\"rows\" : 2");
    }

    @Test
    void exitsWithThreeAndNamesTheLineOfBadInput() {
        int code = run("date,high,low,close\n2024-01-01,2,1,1\n2024-01-02,2,1,abc\n", "process", "-", "-o", "-");
        assertThat(code).isEqualTo(EngineCli.BAD_INPUT);
        assertThat(err()).contains("stdin line 3, column \"close\": \"abc\" is not a number");
    }

    @Test
    void exitsWithThreeForAnInvalidRecipe() throws IOException {
        Path recipe = dir.resolve("bad.json");
        Files.writeString(recipe, "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 0}]}");
        int code = run("", "process", "--recipe", recipe.toString(), "-", "-o", "-");
        assertThat(code).isEqualTo(EngineCli.BAD_INPUT);
        assertThat(err()).contains("recipe $.indicators[0].window");
    }

    @Test
    void exitsWithTwoOnUsageErrors() {
        assertThat(run("", "process")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("Missing required parameter: 'IN'").contains("Usage: signalbox process");
        err.reset();
        assertThat(run("", "frobnicate")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("'frobnicate'").contains("Usage: signalbox");
        err.reset();
        assertThat(run("", "bench", "--rows", "many")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("--rows").contains("'many'");
        err.reset();
        assertThat(run("", "process", "in.csv")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("no output given; expected -o OUT or --summary-only");
        err.reset();
        assertThat(run("", "process", "--threads=0", "-", "-o", "-")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("--threads must be 1 to 64, not 0");
        err.reset();
        assertThat(run("", "bench", "--layout", "diagonal")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("interleaved, grouped");
        err.reset();
        assertThat(run("")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("no command given");
    }

    @Test
    void everyCommandAnswersHelpAndVersionWithExitZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"process", "--help"}, {"process", "-h"},
            {"bench", "--help"}, {"bench", "-h"}}) {
            out.reset();
            err.reset();
            assertThat(run("", args)).as(String.join(" ", args)).isEqualTo(EngineCli.OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: signalbox").contains("Exit codes:");
            assertThat(err()).isEmpty();
        }
        out.reset();
        assertThat(run("", "process", "--version")).isEqualTo(EngineCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("signalbox ").contains("java ");
    }

    @Test
    void takesOptionsWithAnEqualsSign() throws IOException {
        Path in = dir.resolve("prices.csv");
        Files.writeString(in, "date,close\n2024-01-01,1\n2024-01-02,2\n");
        Path result = dir.resolve("out.csv");
        int code = run("", "process", "--recipe={\"version\": 1, \"indicators\": [{\"type\": \"sma\", "
                + "\"window\": 2}]}", "--threads=2", "--output=" + result, in.toString());
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(Files.readString(result)).isEqualTo("date,close,sma_2\n2024-01-01,1,\n2024-01-02,2,1.5\n");
    }

    @Test
    void writesParquetWhenAskedOrWhenTheOutputEndsInParquet() throws IOException {
        Path in = dir.resolve("prices.csv");
        Files.writeString(in, "date,close\n2024-01-01,1\n2024-01-02,2\n");
        Path named = dir.resolve("out.parquet");
        String sma = "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 2}]}";
        assertThat(run("", "process", "--recipe", sma, in.toString(), "-o", named.toString()))
                .as(err()).isEqualTo(EngineCli.OK);
        Path asked = dir.resolve("out.bin");
        assertThat(run("", "process", "--format", "parquet", "--recipe", sma, in.toString(), "-o", asked.toString()))
                .as(err()).isEqualTo(EngineCli.OK);
        for (Path file : new Path[] {named, asked}) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        }
        assertThat(run("", "process", "--format", "parquet", "--recipe", "{\"version\": 1, \"output\": "
                + "{\"gzip\": true}}", in.toString(), "-o", asked.toString())).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("--format parquet does not fit the recipe's output");
    }

    @Test
    void drawsAProgressBarWhenAskedAndNoneByDefaultOffATerminal() throws IOException {
        Path in = dir.resolve("prices.csv");
        io.signalbox.processors.sample.SamplePrices.builder().rows(300_000).symbols(2).build()
                .writeTo(Files.newOutputStream(in));
        assertThat(run("", "process", "--progress", in.toString(), "--summary-only")).as(err())
                .isEqualTo(EngineCli.OK);
        assertThat(err()).contains("\r").contains("rows").contains("MB/s").contains("left")
                .contains("300000 rows, 2 symbols, 0 skipped");
        err.reset();
        assertThat(run("", "process", in.toString(), "--summary-only")).as(err()).isEqualTo(EngineCli.OK);
        assertThat(err()).doesNotContain("\r").isEqualTo("300000 rows, 2 symbols, 0 skipped\n");
    }

    @Test
    void exitsWithOneForAMissingInputFile() {
        assertThat(run("", "process", dir.resolve("nope.csv").toString(), "-o", "-")).isEqualTo(EngineCli.FAILED);
        assertThat(err()).isEqualTo("signalbox: no such file: " + dir.resolve("nope.csv") + "\n");
    }

    @Test
    void benchReportsSpeedAndMemory() {
        int code = run("", "bench", "--rows", "20000", "--symbols", "4");
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rows/s").contains("input MB/s")
                .contains("peak heap").contains("peak RSS");
    }

    @Test
    void benchKeepsItsFilesWhenAskedSoOtherToolsCanRunOnTheSameInput() throws Exception {
        Path kept = dir.resolve("bench");
        int code = run("", "bench", "--rows", "1000", "--symbols", "2", "--keep", kept.toString());
        assertThat(code).as(err()).isEqualTo(EngineCli.OK);
        assertThat(Files.readAllLines(kept.resolve("prices.csv"))).hasSize(1001);
        assertThat(Files.readAllLines(kept.resolve("result.csv"))).hasSize(1001);
        assertThat(run("", "bench", "--rows=1000", "--symbols=2", "--layout=grouped", "--format=parquet",
                "--threads=3", "--keep=" + kept)).as(err()).isEqualTo(EngineCli.OK);
        assertThat(Files.readAllBytes(kept.resolve("result.parquet"))).startsWith('P', 'A', 'R', '1');
        assertThat(Files.readAllLines(kept.resolve("prices.csv")).get(2)).contains("SYM00001");
        assertThat(Files.readString(kept.resolve("summary.json"))).contains("\"rows\"");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kept").contains(kept.toString());
    }
}
