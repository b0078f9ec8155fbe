package io.signalbox.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.signalbox.app.ApiControllerTest;
import io.signalbox.app.ApiTestApplication;
import io.signalbox.app.tenant.ApiKeyStore;
import io.signalbox.app.tenant.Tenant;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs API over HTTP, on the application's HTTP layer and a real database: status codes, problem details and
 * headers. Jobs are made by the job service, as an upload begins them; nothing here reaches storage.
 */
@MicronautTest(transactional = false)
class JobControllerTest extends ApiControllerTest {

    private static final String UNKNOWN = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11";

    @Inject
    JobService jobs;

    @Inject
    ApiKeyStore keys;

    @Test
    void aRequestWithoutItsKeyIsRefusedWithAProblemAndTheSchemeToUse() {
        HttpResponse<String> response = app.send(app.anonymous("/v1/jobs"));

        assertThat(response.statusCode()).isEqualTo(401);
        ApiTestApplication.assertProblem(response, "unauthorized").contains("missing Authorization header");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"signalbox\"");
    }

    @Test
    void aJobIsAnsweredWithItsStatusAndLinks() {
        Job job = begin("prices.csv");

        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + job.id()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = ApiTestApplication.json(response);
        assertThat(body.path("id").asText()).isEqualTo(job.id().toString());
        assertThat(body.path("status").asText()).isEqualTo("AWAITING_UPLOAD");
        assertThat(body.path("inputName").asText()).isEqualTo("prices.csv");
    }

    @Test
    void anUnknownJobIsNotFound() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN));

        assertThat(response.statusCode()).isEqualTo(404);
        ApiTestApplication.assertProblem(response, "not_found").contains(UNKNOWN);
    }

    @Test
    void anotherTenantsJobIsNotFound() {
        keys.ensureTenant("other");
        Job theirs = jobs.begin(new Tenant("other", "Other", Instant.now()),
                new CreateJobCommand("theirs.csv", "text/csv", "default", null, null, null)).job();

        assertThat(app.send(app.request("/v1/jobs/" + theirs.id())).statusCode()).isEqualTo(404);
    }

    @Test
    void theListHasTheCallersJobsNewestFirst() {
        Job older = begin("older.csv");
        Job newer = begin("newer.csv");

        HttpResponse<String> response = app.send(app.request("/v1/jobs?status=AWAITING_UPLOAD&limit=200"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode listed = ApiTestApplication.json(response).path("jobs");
        assertThat(listed.findValuesAsText("id")).containsSubsequence(newer.id().toString(), older.id().toString());
    }

    @Test
    void aStatusThatDoesNotExistIsABadRequestNamingIt() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs?status=DONE"));

        assertThat(response.statusCode()).isEqualTo(400);
        ApiTestApplication.assertProblem(response, "bad_request").contains("\"DONE\"");
    }

    @Test
    void aPageSizeOutOfRangeIsABadRequest() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs?limit=0"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void theSummaryOfAJobThatHasNotRunIsAConflict() {
        Job job = begin("prices.csv");

        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + job.id() + "/summary"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    private Job begin(String name) {
        return jobs.begin(new Tenant(ApiTestApplication.TENANT, "Acme", Instant.now()),
                new CreateJobCommand(name, "text/csv", "default", null, null, null)).job();
    }
}
