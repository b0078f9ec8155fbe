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
        assertThat(err()).contains("no input file given").contains("usage:");
        assertThat(run("", "frobnicate")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("unknown command \"frobnicate\"");
        assertThat(run("", "bench", "--rows", "many")).isEqualTo(EngineCli.USAGE);
        assertThat(err()).contains("--rows needs a whole number");
    }

    @Test
    void exitsWithThreeForAMissingInputFile() {
        assertThat(run("", "process", dir.resolve("nope.csv").toString(), "-o", "-")).isEqualTo(EngineCli.BAD_INPUT);
        assertThat(err()).contains("no such file").contains("nope.csv");
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
        assertThat(Files.readString(kept.resolve("summary.json"))).contains("\"rows\"");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kept").contains(kept.toString());
    }
}
