package io.signalbox.app.presigned;

import static io.signalbox.app.ApiTestApplication.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.signalbox.app.ApiControllerTest;
import io.signalbox.app.ApiTestApplication;
import io.signalbox.app.job.CreateJobCommand;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobService;
import io.signalbox.app.tenant.Tenant;
import jakarta.inject.Inject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The presigned upload API over HTTP, for what it answers before storage is asked: requests it cannot read, and
 * jobs that have no presigned upload.
 */
@MicronautTest(transactional = false)
class PresignedUploadControllerTest extends ApiControllerTest {

    private static final String UNKNOWN = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11";

    @Inject
    JobService jobs;

    @Test
    void theUploadOfAnUnknownJobIsNotFound() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN + "/upload"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "not_found").contains(UNKNOWN);
    }

    @Test
    void aStreamedUploadsJobHasNoPresignedUploadToShow() {
        Job streamed = jobs.begin(new Tenant(ApiTestApplication.TENANT, "Acme", Instant.now()),
                new CreateJobCommand("prices.csv", "text/csv", "default", null, null, null)).job();

        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + streamed.id() + "/upload"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "not_found").contains("not created for a presigned upload");
    }

    @Test
    void partsAskedForWithoutABodyAreABadRequest() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN + "/upload/parts")
                .header("Content-Type", "application/json").POST(BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, "bad_request");
    }

    @Test
    void aCompletionThatIsNotJsonIsABadRequestSayingSo() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN + "/upload/complete")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"parts\": [")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, "bad_request").contains("not valid JSON");
    }

    @Test
    void aCompletionOfAnUnknownJobIsNotFound() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN + "/upload/complete")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"parts\": [{\"partNumber\": 1, \"etag\": \"\\\"abc\\\"\"}]}")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "not_found");
    }
}
