package io.signalbox.app.upload;

import static io.signalbox.app.ApiTestApplication.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.app.ApiControllerTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upload API over HTTP: what a request's head decides is answered before its body is read or anything is
 * stored (storage answers nothing here, so any upload that reached it would fail otherwise).
 */
@MicronautTest(transactional = false)
class UploadControllerTest extends ApiControllerTest {

    private static final int MAX_BYTES = 1024;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(app.properties());
        properties.put("signalbox.upload.max-bytes", String.valueOf(MAX_BYTES));
        return properties;
    }

    @Test
    void anUploadWithoutItsKeyIsRefused() {
        HttpResponse<String> response = app.send(app.anonymous("/v1/jobs?name=prices.csv")
                .header("Content-Type", "text/csv").POST(BodyPublishers.ofString("date,symbol\n")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response, "unauthorized");
    }

    @Test
    void aContentTypeThatIsNoFileIsUnsupportedNamingWhatIs() {
        HttpResponse<String> response = upload("text/html", "<p>prices</p>", "");

        assertThat(response.statusCode()).isEqualTo(415);
        assertProblem(response, "unsupported_media_type").contains("text/csv");
    }

    @Test
    void aBodyLongerThanTheLimitIsRefusedByItsDeclaredLength() {
        HttpResponse<String> response = upload("text/csv", "x".repeat(2 * MAX_BYTES), "");

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, "payload_too_large").contains(String.valueOf(MAX_BYTES));
    }

    @Test
    void anEmptyUploadIsABadRequest() {
        HttpResponse<String> response = upload("text/csv", "", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, "empty_upload").contains("no body");
    }

    @Test
    void aPresetThatDoesNotExistIsUnprocessable() {
        HttpResponse<String> response = upload("text/csv", "date,symbol\n", "&recipe=no-such-preset");

        assertThat(response.statusCode()).isEqualTo(422);
        assertProblem(response, "recipe_invalid").contains("no-such-preset");
    }

    private HttpResponse<String> upload(String contentType, String body, String query) {
        return app.send(app.request("/v1/jobs?name=prices.csv" + query).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }
}
