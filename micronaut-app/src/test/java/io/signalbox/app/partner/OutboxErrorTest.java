package io.signalbox.app.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.recipe.RecipeException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The error file a failed drop leaves in the outbox says what the REST API says, with the place as fields. */
class OutboxErrorTest {

    private static final UUID JOB = UUID.fromString("0b1f8a4e-6a55-4c1e-9d0a-2f4a7c3d9e10");
    private static final Instant FAILED_AT = Instant.parse("2026-03-01T10:15:31.204Z");

    @Test
    void aMalformedCsvNamesFileLineAndColumn() throws Exception {
        CsvFormatException cause = new CsvFormatException("prices.csv", 3, "close",
                "\"12,5x\" is not a number; expected a decimal number such as 12.5");

        OutboxError error = OutboxError.of(JOB, "inbox/acme/prices.csv", cause.code(), cause.getMessage(), null,
                cause, FAILED_AT);

        assertThat(ObjectMapper.getDefault().writeValueAsString(error)).isEqualTo("{"
                + "\"error\":\"csv_format\","
                + "\"message\":\"prices.csv line 3, column \\\"close\\\": \\\"12,5x\\\" is not a number; expected a"
                + " decimal number such as 12.5\","
                + "\"file\":\"prices.csv\",\"line\":3,\"column\":\"close\","
                + "\"object\":\"inbox/acme/prices.csv\",\"job\":\"0b1f8a4e-6a55-4c1e-9d0a-2f4a7c3d9e10\","
                + "\"failedAt\":\"2026-03-01T10:15:31.204Z\"}");
    }

    @Test
    void anInvalidRecipeSidecarNamesItsFileAndJsonPath() {
        RecipeException cause = new RecipeException("$.indicators[0].window", "found 0; expected 1 to 10000");

        OutboxError error = OutboxError.of(JOB, "inbox/acme/prices.csv", cause.code(),
                "prices.recipe.json: " + cause.getMessage(), "prices.recipe.json", cause, FAILED_AT);

        assertThat(error.error()).isEqualTo("recipe_invalid");
        assertThat(error.file()).isEqualTo("prices.recipe.json");
        assertThat(error.path()).isEqualTo("$.indicators[0].window");
        assertThat(error.message()).isEqualTo("prices.recipe.json: recipe $.indicators[0].window: found 0; expected 1"
                + " to 10000");
        assertThat(error.line()).isNull();
    }

    @Test
    void aFailureOfTheServiceHasNoPlace() throws Exception {
        OutboxError error = OutboxError.of(JOB, "inbox/acme/prices.csv", "undeliverable",
                "gave up after repeated failures of the service, not of the input; last error: timeout", null, null,
                FAILED_AT);

        assertThat(ObjectMapper.getDefault().writeValueAsString(error))
                .doesNotContain("\"file\"", "\"line\"", "\"column\"", "\"path\"")
                .contains("\"error\":\"undeliverable\"");
    }
}
