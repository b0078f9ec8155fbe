package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The API described (OpenAPI at /openapi.yml, Swagger UI at /docs) and its errors as RFC 9457 problem details. */
class ApiDescriptionEndToEndTest {

    private static final String PROBLEM = "application/problem+json";

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of());
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyControllerRouteIsInTheOpenApiDocument() {
        HttpResponse<String> response = anonymous("/openapi.yml", "GET", "*/*");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(document.get("openapi")).isEqualTo("3.1.0");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> routes = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : signalbox.app().getBean(Router.class).uriRoutes().toList()) {
            if (route.getHttpMethod() != HttpMethod.HEAD
                    && route.getTargetMethod().getDeclaringType().getName().startsWith("io.signalbox.")) {
                routes.add(route.getHttpMethod() + " " + route.getUriMatchTemplate().toString().replace("{+", "{"));
            }
        }
        assertThat(routes).contains("GET /v1/jobs/{id}", "POST /v1/jobs", "POST /v1/recipes/validate", "GET /openapi.yml");
        assertThat(documented).containsAll(routes);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyParameterHasAnExampleAndEveryV1CallItsErrors() {
        Map<String, Object> document = new Yaml().load(anonymous("/openapi.yml", "GET", "*/*").body());
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String name = method + " " + path;
            for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
                assertThat(parameter).as(name + " parameter " + parameter.get("name")).containsKey("example");
            }
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (path.startsWith("/v1/")) {
                assertThat(responses).as(name).containsKey("401");
            }
            if (operation.containsKey("parameters") || operation.containsKey("requestBody")) {
                assertThat(responses.keySet()).as(name + " takes input, so it has an answer to bad input")
                        .anyMatch(status -> status.startsWith("4") && !status.equals("401"));
            }
        }));
        Map<String, Object> problems = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("responses");
        problems.forEach((name, answer) -> assertThat(answer.toString()).as(name).contains("example"));
    }

    @Test
    void servesSwaggerUiFromTheApplicationItself() {
        HttpResponse<String> page = anonymous("/docs", "GET", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("webjars/swagger-ui/swagger-ui-bundle.js").contains("openapi.yml")
                .doesNotContain("https://");
        HttpResponse<String> bundle = anonymous("/webjars/swagger-ui/swagger-ui-bundle.js", "GET", "*/*");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(anonymous("/webjars/uplot/dist/uPlot.iife.min.js", "GET", "*/*").statusCode()).isEqualTo(200);
        assertThat(anonymous("/webjars/uplot/../../../application.yml", "GET", "*/*").statusCode()).isEqualTo(404);
        assertThat(anonymous("/webjars/uplot/dist/nothing.js", "GET", "*/*").statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheWebPageAtTheRootWithoutAKey() {
        HttpResponse<String> page = anonymous("/", "GET", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">");
        assertThat(anonymous("/js/app.js", "GET", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void answersEveryKindOfErrorAsAProblemDetail() {
        assertProblem(anonymous("/v1/jobs", "GET", "application/json"), 401, "unauthorized", "Authorization");
        assertProblem(jobs.get("/v1/jobs/00000000-0000-0000-0000-000000000000"), 404, "not_found", "does not exist");
        assertProblem(jobs.get("/v1/jobs?limit=many"), 400, "bad_request", "parameter limit");
        assertProblem(jobs.get("/v1/jobs?status=FINISHED"), 400, "bad_request", "parameter status");
        assertProblem(signalbox.send(signalbox.request("/v1/jobs").PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()), 405, "method_not_allowed", "PUT");
        assertProblem(signalbox.send(signalbox.request("/v1/jobs").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")).build(), HttpResponse.BodyHandlers.ofString()),
                415, "unsupported_media_type", "application/xml");
        // A browser asks for HTML; an API still answers a problem detail.
        assertProblem(anonymous("/no/such/page", "GET", "text/html,application/xhtml+xml"), 404, "not_found", "");

        HttpResponse<String> head = anonymous("/v1/jobs", "HEAD", "application/json");
        assertThat(head.statusCode()).isEqualTo(401);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void checksARecipeWithoutUploadingAndNamesTheJsonPathOfTheFirstError() {
        HttpResponse<String> invalid = validate("{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": -3}]}");
        JsonNode problem = assertProblem(invalid, 422, "recipe_invalid", "window");
        assertThat(problem.get("path").asText()).isEqualTo("$.indicators[0].window");
        assertProblem(validate("{\"version\": 1, \"indicators\": [], \"colour\": \"red\"}"), 422, "recipe_invalid",
                "colour");
        assertProblem(validate("not json"), 422, "recipe_invalid", "");
        assertProblem(validate("{\"name\": \"" + "x".repeat(70_000) + "\"}"), 413, "payload_too_large", "65536");

        HttpResponse<String> valid = validate("{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 20}],"
                + " \"backtest\": {}}");
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
        assertThat(json(valid.body()).get("valid").asBoolean()).isTrue();

        JsonNode presets = json(jobs.get("/v1/recipes/presets").body());
        assertThat(presets.get("presets").get(0).get("name").asText()).isEqualTo("default");
        assertThat(presets.get("presets").get(0).get("recipe").get("indicators").isArray()).isTrue();
    }

    private static HttpResponse<String> validate(String recipe) {
        return signalbox.send(signalbox.request("/v1/recipes/validate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(recipe)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> anonymous(String path, String method, String accept) {
        return signalbox.send(HttpRequest.newBuilder(signalbox.uri(path)).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        JsonNode problem = json(response.body());
        assertThat(problem.get("error").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).isEqualTo("tag:signalbox,2025:problem/" + code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detailPart);
        assertThat(problem.has("message")).isFalse();
        return problem;
    }
}
