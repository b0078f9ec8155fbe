package io.signalbox.app.webhook;

import static io.signalbox.app.ApiTestApplication.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.signalbox.app.ApiControllerTest;
import io.signalbox.app.ApiTestApplication;
import io.signalbox.app.job.CreateJobCommand;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobService;
import io.signalbox.app.tenant.Tenant;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job's webhook deliveries over HTTP. */
@MicronautTest(transactional = false)
class DeliveryControllerTest extends ApiControllerTest {

    private static final String UNKNOWN = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11";

    @Inject
    JobService jobs;

    @Test
    void aJobWithoutEventsHasNoDeliveries() {
        Job job = jobs.begin(new Tenant(ApiTestApplication.TENANT, "Acme", Instant.now()),
                new CreateJobCommand("prices.csv", "text/csv", "default", null, null, null)).job();

        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + job.id() + "/deliveries"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiTestApplication.json(response);
        assertThat(body.path("jobId").asText()).isEqualTo(job.id().toString());
        assertThat(body.path("events").isArray()).as(body.toString()).isTrue();
        assertThat(body.path("events")).isEmpty();
    }

    @Test
    void theDeliveriesOfAnUnknownJobAreNotFound() {
        HttpResponse<String> response = app.send(app.request("/v1/jobs/" + UNKNOWN + "/deliveries"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "not_found").contains(UNKNOWN);
    }
}
