package io.signalbox.processors.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published JSON Schema accepts what the parser accepts and refuses what it refuses. */
class RecipeSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Recipes.class.getResourceAsStream("recipe.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String json) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        return schema.validate(node);
    }

    @Test
    void presetsAndDocumentedExamplesAreValid() throws IOException {
        for (String preset : Recipes.PRESETS) {
            assertThat(validate(Recipes.presetJson(preset))).as(preset).isEmpty();
        }
        String docs = Files.readString(Path.of("..", "docs", "recipes.md"));
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        int count = 0;
        while (blocks.find()) {
            assertThat(validate(blocks.group(1))).as(blocks.group(1)).isEmpty();
            count++;
        }
        assertThat(count).isGreaterThan(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"version\": 2}",
        "{\"version\": 1, \"extra\": true}",
        "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 0}]}",
        "{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"span\": 3}]}",
        "{\"version\": 1, \"indicators\": [{\"type\": \"nope\"}]}",
        "{\"version\": 1, \"signal\": {\"long\": {\"lt\": [\"rsi_14\"]}}}",
        "{\"version\": 1, \"signal\": {\"long\": {\"xor\": []}}}",
        "{\"version\": 1, \"backtest\": {\"mode\": \"short\"}}",
        "{\"version\": 1, \"output\": {\"precision\": 18}}"
    })
    void refusesWhatTheParserRefuses(String json) throws IOException {
        assertThat(validate(json)).as(json).isNotEmpty();
        assertThatThrownBy(() -> Recipes.parse(json)).isInstanceOf(RecipeException.class)
                .hasMessageStartingWith("recipe $");
    }
}
