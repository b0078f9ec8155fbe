package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalbox.processors.recipe.Recipes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A small semicolon file with decimal commas, CRLF line ends, a quoted field with escaped quotes and two interleaved
 * symbols, run through a recipe with indicators, rules, a backtest with trades and rounded output. The expected
 * files were produced by the engine and read through by eye; the numbers themselves are checked independently by
 * {@link DefaultPresetConformanceTest} and {@link BacktestAndSummaryTest}. This test keeps every byte stable.
 */
class GoldenFileTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void reproducesTheGoldenResultAndSummary() throws IOException {
        EngineFixture run = EngineFixture.run(resource("prices.csv"), null,
                Recipes.parse(new String(resource("recipe.json"), StandardCharsets.UTF_8)), true);
        assertThat(new String(run.csv, StandardCharsets.UTF_8))
                .isEqualTo(new String(resource("result.csv"), StandardCharsets.UTF_8));
        assertThat(run.summary.toString().replace("prices.csv", "X"))
                .isEqualTo(new ObjectMapper().readTree(resource("summary.json")).toString().replace("prices.csv", "X"));
    }
}
