package io.signalbox.app.download;

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
 * The result download over HTTP, for the answers that come before storage is read: no such job, and a result that
 * is not there yet. Downloads themselves are {@code ResultDeliveryEndToEndTest}'s, on a real S3-API server.
 */
@MicronautTest(transactional = false)
class ResultControllerTest extends ApiControllerTest {

    private static final String UNKNOWN = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11";

    @Inject
    JobService jobs;

    @Test
    void theResultOfAnUnknownJobIsNotFound() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN + "/result"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "not_found").contains(UNKNOWN);
    }

    @Test
    void aResultNotYetWrittenIsAConflictNamingTheJobsStatus() {
        Job job = awaitingUpload();

        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + job.id() + "/result"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertProblem(response, "not_ready").contains("AWAITING_UPLOAD");
    }

    @Test
    void aHeadOfAResultNotYetWrittenIsAConflictWithoutBody() {
        Job job = awaitingUpload();

        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + job.id() + "/result")
                .method("HEAD", BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEmpty();
    }

    private Job awaitingUpload() {
        return jobs.begin(new Tenant(ApiTestApplication.TENANT, "Acme", Instant.now()),
                new CreateJobCommand("prices.csv", "text/csv", "default", null, null, null)).job();
    }
}
