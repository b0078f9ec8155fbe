package io.signalbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Multipart uploads cut off by a crash, or by a client that went away, do not stay in the bucket: the cleanup aborts
 * those that were started and got no part for longer than the setting, under every prefix Signalbox writes, and
 * leaves a live one alone however long it has been running.
 */
class AbandonedUploadsEndToEndTest {

    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(3);

    private static RunningSignalbox signalbox;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.cleanup.abandoned-upload-age", ABANDONED_AFTER.toSeconds() + "s",
                "signalbox.cleanup.interval-millis", 300));
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void uploadsAbandonedUnderEveryPrefixAreAbortedAndALiveOneIsLeftAlone() throws Exception {
        String run = UUID.randomUUID().toString();
        String live = "results/acme/" + run + "/1/result.csv";
        String liveId = start(live);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        int[] parts = {0};
        writer.scheduleWithFixedDelay(() -> part(live, liveId, ++parts[0]), 0, 500, TimeUnit.MILLISECONDS);
        List<String> abandoned = List.of("uploads/acme/" + run + "/input", "results/acme/" + run + "/2/result.csv",
                "outbox/acme/" + run + ".result.csv", "inbox/acme/" + run + ".csv");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            for (String key : abandoned) {
                part(key, start(key), 1);
            }

            DropFolderProbe.await("the abandoned uploads to be aborted", ABANDONED_AFTER.plusSeconds(60),
                    () -> abandoned.stream().allMatch(key -> pending(key).isEmpty()));

            assertThat(pending(live)).as("the live upload, started " + ABANDONED_AFTER + " ago and more")
                    .extracting(MultipartUpload::uploadId).containsExactly(liveId);
            assertThat(logs.events()).filteredOn(event -> event.getLoggerName().equals("signalbox.audit"))
                    .map(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("aborted the unfinished upload")
                            .contains("outbox/acme/" + run + ".result.csv").contains("abandoned-upload"));
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(10, TimeUnit.SECONDS);
            signalbox.s3().abortMultipartUpload(request -> request.bucket(RunningSignalbox.BUCKET).key(live)
                    .uploadId(liveId));
        }
    }

    private static String start(String key) {
        return signalbox.s3().createMultipartUpload(request -> request.bucket(RunningSignalbox.BUCKET).key(key))
                .uploadId();
    }

    private static void part(String key, String uploadId, int number) {
        signalbox.s3().uploadPart(request -> request.bucket(RunningSignalbox.BUCKET).key(key).uploadId(uploadId)
                .partNumber(number), RequestBody.fromBytes(new byte[1024]));
    }

    private static List<MultipartUpload> pending(String key) {
        return signalbox.s3().listMultipartUploads(request -> request.bucket(RunningSignalbox.BUCKET).prefix(key))
                .uploads();
    }
}
