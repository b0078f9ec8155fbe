package io.signalbox.app.recipe;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.signalbox.app.api.ApiException;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Recipes before any upload: the presets to start from, and a check of a recipe document that answers exactly what
 * an upload with it would answer, so that a client (the web page) refuses an invalid recipe before sending gigabytes.
 */
@Controller("/v1/recipes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "recipes", description = "Presets, and checking a recipe before an upload")
@ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
final class RecipeController {

    /** The largest recipe document an upload takes, in characters. */
    static final int MAX_RECIPE_CHARS = 64 * 1024;

    @Get(value = "/presets", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The built-in presets with their recipe documents, to run as they are or to start from")
    @ApiResponse(responseCode = "200", description = "the presets", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"),
            examples = @ExampleObject(name = "presets", value = "{\"presets\":[{\"name\":\"default\",\"recipe\":"
                    + "{\"version\":1,\"name\":\"default\",\"indicators\":[{\"type\":\"sma\",\"window\":20}]}}]}")))
    HttpResponse<byte[]> presets() {
        String body = Recipes.PRESETS.stream()
                .map(name -> "{\"name\":\"" + name + "\",\"recipe\":" + Recipes.presetJson(name).strip() + "}")
                .collect(Collectors.joining(",", "{\"presets\":[", "]}"));
        return HttpResponse.ok(body.getBytes(StandardCharsets.UTF_8)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Post(value = "/validate", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a recipe document without uploading anything",
            description = "Answers 200 when an upload with this recipe would be accepted, and otherwise the same 422 "
                    + "problem an upload would get, whose `path` names the first offending element.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = "object"), examples = @ExampleObject(name = "recipe",
                    value = "{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":20}]}"))))
    @ApiResponse(responseCode = "200", description = "the recipe is valid", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Validation.class)))
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/UnprocessableContent")
    Validation validate(@Parameter(hidden = true) @Body InputStream body) {
        Recipe recipe = Recipes.parse(read(body));
        return new Validation(true, recipe.indicators().size(), recipe.backtest() != null);
    }

    private static String read(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(4 * MAX_RECIPE_CHARS + 1);
            String json = new String(bytes, StandardCharsets.UTF_8);
            if (json.length() > MAX_RECIPE_CHARS) {
                throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                        "the recipe has more than " + MAX_RECIPE_CHARS + " characters; at most " + MAX_RECIPE_CHARS
                                + " are allowed");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param valid always true: an invalid recipe is answered with a problem
     * @param indicators how many indicators the recipe computes
     * @param backtest whether it runs a backtest, and so whether its summary has performance figures and curves
     */
    @Serdeable
    record Validation(boolean valid, int indicators, boolean backtest) {
    }
}
