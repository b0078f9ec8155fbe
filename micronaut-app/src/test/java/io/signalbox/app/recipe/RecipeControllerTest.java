package io.signalbox.app.recipe;

import static io.signalbox.app.ApiTestApplication.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.signalbox.app.ApiControllerTest;
import io.signalbox.app.ApiTestApplication;
import jakarta.inject.Inject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recipes API over HTTP: the presets, and a check that answers what an upload with the recipe would. */
@MicronautTest(transactional = false)
class RecipeControllerTest extends ApiControllerTest {

    @Test
    void thePresetsComeWithTheirRecipeDocuments() {
        HttpResponse<String> response = app.send(app.request("/v1/recipes/presets"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode presets = ApiTestApplication.json(response).path("presets");
        assertThat(presets.findValuesAsText("name")).contains("default");
        assertThat(presets.get(0).path("recipe").path("version").asInt()).isEqualTo(1);
    }

    @Test
    void aValidRecipeIsAnsweredWithWhatItComputes() {
        HttpResponse<String> response = validate("{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":20}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiTestApplication.json(response);
        assertThat(body.path("valid").asBoolean()).isTrue();
        assertThat(body.path("indicators").asInt()).isEqualTo(1);
        assertThat(body.path("backtest").asBoolean()).isFalse();
    }

    @Test
    void anInvalidRecipeIsUnprocessableNamingItsPath() {
        HttpResponse<String> response = validate("{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":-3}]}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertProblem(response, "recipe_invalid").contains("-3");
        assertThat(ApiTestApplication.json(response).path("path").asText()).isEqualTo("$.indicators[0].window");
    }

    @Test
    void aRecipeTooLongIsRefused() {
        String name = "x".repeat(RecipeController.MAX_RECIPE_CHARS);

        HttpResponse<String> response = validate("{\"name\":\"" + name + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, "payload_too_large").contains(String.valueOf(RecipeController.MAX_RECIPE_CHARS));
    }

    @Test
    void aRecipeThatIsNotJsonByItsContentTypeIsUnsupported() {
        HttpResponse<String> response = app.send(app.request("/v1/recipes/validate")
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("{\"version\":1}")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    private HttpResponse<String> validate(String recipe) {
        return app.send(app.request("/v1/recipes/validate").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(recipe)));
    }
}
