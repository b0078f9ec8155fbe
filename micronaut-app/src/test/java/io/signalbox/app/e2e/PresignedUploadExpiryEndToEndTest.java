package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/** A presigned upload nobody completes: its URLs end with its window, then the job expires and its parts go. */
class PresignedUploadExpiryEndToEndTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static PresignedClient presigned;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.cleanup.interval-millis", 500,
                "signalbox.cleanup.upload-window", WINDOW.toSeconds() + "s"));
        jobs = new JobsClient(signalbox);
        presigned = new PresignedClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void anUploadNeverCompletedExpiresWithItsWindowAndItsPartsAreDropped() {
        byte[] part = JobApiEndToEndTest.generatedPrices(150_000);
        try (CapturedLogs logs = CapturedLogs.attach()) {
            JsonNode upload = presigned.created(PresignedUploadEndToEndTest.creation(part.length));
            String id = upload.get("job").get("id").asText();
            String url = upload.get("parts").get(0).get("url").asText();
            Instant createdAt = Instant.parse(upload.get("job").get("createdAt").asText());
            assertThat(Instant.parse(upload.get("expiresAt").asText())).isEqualTo(createdAt.plus(WINDOW));
            assertThat(Instant.parse(upload.get("urlsExpireAt").asText())).isBeforeOrEqualTo(createdAt.plus(WINDOW));
            assertThat(Integer.parseInt(PresignedClient.queryParameter(url, "X-Amz-Expires"))).isLessThanOrEqualTo((int) WINDOW.toSeconds());
            presigned.putPart(upload.get("parts").get(0), part, 0, 8 * 1024 * 1024);

            JsonNode expired = jobs.awaitStatus(id, Duration.ofSeconds(60), "EXPIRED");

            assertThat(expired.get("expiredAt")).isNotNull();
            String key = "uploads/acme/" + id + "/input";
            awaitAborted(key, PresignedClient.queryParameter(url, "uploadId"));
            HttpResponse<String> state = presigned.state(id);
            assertThat(state.statusCode()).isEqualTo(409);
            assertThat(json(state.body()).get("error").asText()).isEqualTo("not_awaiting_upload");
            assertThat(state.body()).contains("is EXPIRED");
            assertThat(logs.events()).anySatisfy(event -> {
                assertThat(event.getLoggerName()).isEqualTo("signalbox.audit");
                assertThat(event.getFormattedMessage())
                        .startsWith("aborted the unfinished upload of signalbox: \"" + key + "\" started at ")
                        .endsWith(" (expired)");
                assertThat(event.getMDCPropertyMap()).containsEntry("jobId", id);
            });
        }
    }

    private static void awaitAborted(String key, String uploadId) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                signalbox.s3().listParts(request -> request.bucket(RunningSignalbox.BUCKET).key(key).uploadId(uploadId));
            } catch (NoSuchUploadException e) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("the upload to " + key + " was not aborted within 30 s");
            }
            JobsClient.pause(Duration.ofMillis(200));
        }
    }
}
