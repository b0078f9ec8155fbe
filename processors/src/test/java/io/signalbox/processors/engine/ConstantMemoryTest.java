package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
 * writing the full CSV to a discarding stream on four formatting workers: anything the engine kept per row would
 * exhaust that heap.
 */
class ConstantMemoryTest {

    static final long ROWS = 2_000_000;

    /**
     * The child JVM's work.
     *
     * @param args unused
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream feed = new PipedOutputStream(in);
        Thread producer = new Thread(() -> {
            try (feed) {
                SamplePrices.builder().rows(ROWS).symbols(16).build().writeTo(feed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        producer.start();
        EngineReport report = SignalEngine.builder().threads(4).build().run(EngineInput.prices("big.csv", in),
                Recipes.preset("default"), OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                ProgressListener.NONE);
        producer.join();
        System.out.println("rows=" + report.rows() + " output=" + report.outputRows());
    }

    @Test
    void aSmallHeapProcessesAFileManyTimesItsSize() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), ConstantMemoryTest.class.getName()))
                .redirectErrorStream(true).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("rows=" + ROWS + " output=" + ROWS);
    }
}
