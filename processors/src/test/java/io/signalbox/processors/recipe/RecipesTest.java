package io.signalbox.processors.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalbox.processors.indicator.Indicators;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecipesTest {

    @Test
    void defaultPresetComputesTheIssuesColumnsAndBacktestsTheMacdCrossover() {
        Recipe recipe = Recipes.preset("default");
        assertThat(recipe.computedColumns()).containsExactly("sma_20", "ema_20", "rsi_14", "macd_12_26_9",
                "macd_signal_12_26_9", "macd_hist_12_26_9", "bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2",
                "atr_14", "signal", "position", "ret", "strategy_ret", "equity", "drawdown");
        assertThat(recipe.signal().longWhen().columns()).containsExactly("macd_12_26_9", "macd_signal_12_26_9");
        assertThat(recipe.backtest()).isNotNull();
    }

    @Test
    void refusesUnknownPreset() {
        assertThatThrownBy(() -> Recipes.preset("fancy")).isInstanceOf(RecipeException.class)
                .hasMessage("recipe $: unknown preset \"fancy\"; expected one of [default, indicators]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|$|empty document",
        "{|$|not valid JSON at line 1",
        "[]|$|expected a JSON object",
        "{}|$.version|missing",
        "{\"version\": 2}|$.version|found the number 2; expected 1",
        "{\"version\": 1, \"indicatorz\": []}|$.indicatorz|unknown key \"indicatorz\"",
        "{\"version\": 1, \"indicators\": {}}|$.indicators|expected an array",
        "{\"version\": 1, \"indicators\": [{\"window\": 3}]}|$.indicators[0].type|missing",
        "{\"version\": 1, \"indicators\": [{\"type\": \"smaa\"}]}|$.indicators[0].type|unknown indicator type",
        "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 0}]}|$.indicators[0].window|0",
        "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": \"20\"}]}|$.indicators[0].window|20",
        "{\"version\": 1, \"indicators\": [{\"type\": \"macd\", \"fast\": 30}]}|$.indicators[0].fast|fewer bars",
        "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"span\": 3}]}|$.indicators[0].span|no parameter",
        "{\"version\": 1, \"indicators\": [{\"type\": \"sma\"}, {\"type\": \"sma\"}]}|$.indicators[1]|sma_20",
        "{\"version\": 1, \"signal\": {\"long\": {\"lt\": [\"rsi_14\", 30]}}}|$.signal.long.lt[0]|unknown column",
        "{\"version\": 1, \"signal\": {\"long\": {\"lt\": [1, 30]}}}|$.signal.long.lt|two numbers",
        "{\"version\": 1, \"signal\": {\"long\": {\"xor\": []}}}|$.signal.long.xor|unknown condition",
        "{\"version\": 1, \"signal\": {\"long\": {\"and\": []}}}|$.signal.long.and|non-empty array",
        "{\"version\": 1, \"signal\": {\"source\": \"rules\"}}|$.signal|no rule is given",
        "{\"version\": 1, \"backtest\": {\"mode\": \"short\"}}|$.backtest.mode|long_only",
        "{\"version\": 1, \"backtest\": {\"fee_bps\": -1}}|$.backtest.fee_bps|from 0 to 10000",
        "{\"version\": 1, \"output\": {\"precision\": 0}}|$.output.precision|from 1 to 17",
        "{\"version\": 1, \"output\": {\"columns\": [\"sma_20\"]}}|$.output.columns[0]|unknown column",
        "{\"version\": 1, \"columns\": {\"price\": \"Close\"}}|$.columns.price|unknown key",
        "{\"version\": 1, \"timestamp_format\": \"us\"}|$.timestamp_format|expected \"auto\"",
        "{\"version\": 1, \"max_bad_rows\": -3}|$.max_bad_rows|whole number from 0",
        "{\"version\": 1, \"version\": 1}|$|Duplicate field"
    })
    void refusesInvalidRecipesNamingThePath(String json, String path, String fragment) {
        assertThatThrownBy(() -> Recipes.parse(json)).isInstanceOf(RecipeException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((RecipeException) e).path()).isEqualTo(path));
    }

    @Test
    void ignoresAByteOrderMark() {
        assertThat(Recipes.parse("\uFEFF{\"version\": 1}").indicators()).isEmpty();
    }

    @Test
    void readsAFullRecipe() {
        Recipe recipe = Recipes.parse("""
                {"version": 1, "name": "mine",
                 "columns": {"close": "Adj Close", "symbol": "Ticker"},
                 "timestamp_format": "iso_date",
                 "indicators": [{"type": "rsi", "window": 7}, {"type": "bbands", "window": 10, "k": 2.5}],
                 "signal": {"long": {"lt": ["rsi_7", 30]}, "flat": {"gt": ["close", "bb_upper_10_2p5"]},
                            "otherwise": "flat"},
                 "backtest": {"mode": "long_only", "fee_bps": 1, "periods_per_year": 252, "trades": true},
                 "output": {"columns": ["rsi_7", "equity"], "precision": 8},
                 "max_bad_rows": 10}""");
        assertThat(recipe.name()).isEqualTo("mine");
        assertThat(recipe.columns()).containsEntry("close", "Adj Close");
        assertThat(recipe.outputColumns()).containsExactly("rsi_7", "equity");
        assertThat(recipe.backtest().periodsPerYear()).isEqualTo(252.0);
        assertThat(recipe.signal().holdOtherwise()).isFalse();
        assertThat(recipe.maxBadRows()).isEqualTo(10);
    }

    @Test
    void everyRecipeExampleInTheDocsIsValid() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "recipes.md"));
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        List<String> types = new ArrayList<>();
        int count = 0;
        while (blocks.find()) {
            Recipe recipe = Recipes.parse(blocks.group(1));
            recipe.indicators().forEach(step -> types.add(step.type()));
            count++;
        }
        assertThat(count).isGreaterThan(5);
        assertThat(types).containsAll(Indicators.types());
    }

    @Test
    void schemaNamesTheKeysAndIndicatorTypesTheParserAccepts() throws IOException {
        JsonNode schema;
        try (InputStream in = Recipes.class.getResourceAsStream("recipe.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        JsonNode properties = schema.get("properties");
        assertThat(names(properties)).containsExactlyInAnyOrderElementsOf(RecipeParser.TOP_KEYS);
        assertThat(names(properties.get("backtest").get("properties")))
                .containsExactlyInAnyOrderElementsOf(RecipeParser.BACKTEST_KEYS);
        assertThat(names(properties.get("output").get("properties")))
                .containsExactlyInAnyOrderElementsOf(RecipeParser.OUTPUT_KEYS);
        assertThat(names(properties.get("signal").get("properties")))
                .containsExactlyInAnyOrderElementsOf(RecipeParser.SIGNAL_KEYS);
        assertThat(names(properties.get("columns").get("properties")))
                .containsExactlyInAnyOrderElementsOf(RecipeParser.COLUMN_FIELDS);
        List<String> typed = new ArrayList<>();
        for (JsonNode option : schema.get("$defs").get("indicator").get("oneOf")) {
            typed.add(option.get("properties").get("type").get("const").asText());
            String type = option.get("properties").get("type").get("const").asText();
            List<String> params = names(option.get("properties"));
            params.remove("type");
            assertThat(params).as(type).containsExactlyInAnyOrderElementsOf(
                    Indicators.spec(type).parameters().stream().map(p -> p.name()).toList());
        }
        assertThat(typed).containsExactlyInAnyOrderElementsOf(Indicators.types());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
