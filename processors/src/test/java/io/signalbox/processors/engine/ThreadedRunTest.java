package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spreading a run over threads changes nothing in what it writes or how it fails. */
class ThreadedRunTest {

    private static final Recipe TRADES = Recipes.parse("""
            {"version": 1,
             "indicators": [{"type": "sma", "window": 10}, {"type": "rsi", "window": 7}, {"type": "atr"}],
             "signal": {"long": {"crosses_above": ["close", "sma_10"]}, "short": {"lt": ["rsi_7", 30]}},
             "backtest": {"mode": "long_short", "fee_bps": 1, "trades": true},
             "max_bad_rows": 1000}""");

    private static byte[] sample(SamplePrices.Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplePrices.builder().rows(60_000).symbols(7).layout(layout).build().writeTo(out);
        return out.toByteArray();
    }

    /** Breaks every 997th data line so that rows are skipped along the way. */
    private static byte[] withBadRows(byte[] file) {
        String[] lines = new String(file, StandardCharsets.US_ASCII).split("\n", -1);
        for (int i = 997; i < lines.length - 1; i += 997) {
            String[] cells = lines[i].split(",");
            cells[5] = "5x";
            lines[i] = String.join(",", cells);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(SamplePrices.Layout.class)
    void writesTheSameBytesForAnyNumberOfThreads(SamplePrices.Layout layout) {
        byte[] prices = withBadRows(sample(layout));
        EngineFixture one = EngineFixture.run(SignalEngine.builder().threads(1).build(), prices, null, TRADES, true);
        assertThat(one.report.rows()).isGreaterThan(59_000);
        assertThat(one.report.rowsSkipped()).isPositive();
        assertThat(one.summary.get("trades").size()).isGreaterThan(100);
        for (int threads : new int[] {2, 3, 8}) {
            EngineFixture many = EngineFixture.run(SignalEngine.builder().threads(threads).build(), prices, null,
                    TRADES, true);
            assertThat(many.csv).as("result with %d threads", threads).isEqualTo(one.csv);
            assertThat(many.summary).as("summary with %d threads", threads).isEqualTo(one.summary);
            assertThat(many.report).isEqualTo(one.report);
        }
    }

    @Test
    void failsAtTheSameRowWithTheSameMessageForAnyNumberOfThreads() {
        byte[] prices = sample(SamplePrices.Layout.INTERLEAVED);
        String text = new String(prices, StandardCharsets.US_ASCII);
        int cut = text.indexOf('\n', text.length() / 2);
        byte[] broken = (text.substring(0, cut + 1) + "2020-01-01T00:00:00Z,SYM00001,1,2,x,1,5\n"
                + text.substring(cut + 1)).getBytes(StandardCharsets.US_ASCII);
        Recipe strict = Recipes.preset("default");
        String expected = null;
        for (int threads : new int[] {1, 2, 4}) {
            SignalEngine engine = SignalEngine.builder().threads(threads).build();
            Throwable thrown = catchThrowable(() -> EngineFixture.run(engine, broken, null, strict, true));
            assertThat(thrown).isInstanceOf(CsvFormatException.class);
            if (expected == null) {
                expected = thrown.getMessage();
                long line = text.substring(0, cut + 1).chars().filter(c -> c == '\n').count() + 1;
                assertThat(expected).startsWith("prices.csv line " + line + ", column \"timestamp\": time ")
                        .contains("is not after");
            }
            assertThat(thrown.getMessage()).isEqualTo(expected);
        }
    }

    @Test
    void aFailingOutputStreamFailsTheRunAndStopsItsThreads() {
        byte[] prices = sample(SamplePrices.Layout.INTERLEAVED);
        OutputStream broken = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1 << 20) {
                    throw new IOException("disk full");
                }
            }
        };
        assertThatThrownBy(() -> SignalEngine.builder().threads(4).build().run(
                EngineInput.prices("p.csv", new ByteArrayInputStream(prices)), Recipes.preset("default"),
                broken, null, ProgressListener.NONE))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("writing the result failed");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("signalbox-"));
    }

    @Test
    void aListenerThatThrowsCancelsTheRunOnEveryThreadCount() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SamplePrices.builder().rows(200_000).symbols(3).build().writeTo(file);
        byte[] prices = file.toByteArray();
        for (int threads : new int[] {1, 3}) {
            assertThatThrownBy(() -> SignalEngine.builder().threads(threads).build().run(
                    EngineInput.prices("p.csv", new ByteArrayInputStream(prices)), Recipes.preset("default"),
                    OutputStream.nullOutputStream(), null, rows -> {
                        throw new IllegalStateException("cancelled at " + rows);
                    }))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cancelled at ");
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("signalbox-"));
        }
    }
}
