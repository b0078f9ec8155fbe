package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the default preset over two million generated rows (about 125 MB, never stored) in a JVM with a 48 MB heap,
 * writing the full CSV to a discarding stream on four formatting workers, and a Parquet result of five row groups in
 * a 64 MB heap: anything the engine kept per row would exhaust that heap.
 */
class ConstantMemoryTest {

    static final long ROWS = 2_000_000;

    /** Rows of the Parquet run: about 80 MB of typed values, five row groups. */
    static final long PARQUET_ROWS = 600_000;

    /**
     * The child JVM's work.
     *
     * @param args {@code csv} or {@code parquet}
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        boolean parquet = args.length > 0 && args[0].equals("parquet");
        long rows = parquet ? PARQUET_ROWS : ROWS;
        var recipe = Recipes.preset("default");
        if (parquet) {
            recipe = recipe.withOutput(recipe.output().withFormat(OutputSettings.Format.PARQUET));
        }
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream feed = new PipedOutputStream(in);
        Thread producer = new Thread(() -> {
            try (feed) {
                SamplePrices.builder().rows(rows).symbols(16).build().writeTo(feed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        producer.start();
        EngineReport report = SignalEngine.builder().threads(4).build().run(EngineInput.prices("big.csv", in),
                recipe, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), ProgressListener.NONE);
        producer.join();
        System.out.println("rows=" + report.rows() + " output=" + report.outputRows());
    }

    @Test
    void aSmallHeapProcessesAFileManyTimesItsSize() throws Exception {
        String output = child("48m", "csv");
        assertThat(output).contains("rows=" + ROWS + " output=" + ROWS);
    }

    @Test
    void aParquetResultNeedsAboutOneRowGroupOfHeap() throws Exception {
        String output = child("64m", "parquet");
        assertThat(output).contains("rows=" + PARQUET_ROWS + " output=" + PARQUET_ROWS);
    }

    private static String child(String heap, String format) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), ConstantMemoryTest.class.getName(), format))
                .redirectErrorStream(true).start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
