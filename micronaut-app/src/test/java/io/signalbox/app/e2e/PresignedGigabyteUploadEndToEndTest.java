package io.signalbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.processors.sample.SamplePrices;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A file of a gigabyte uploaded the way the product is meant for: parallel parts straight to storage, a connection
 * that drops and parts never sent, a resume from what storage reports, the job processed from the completed object,
 * its result downloaded straight from storage through a presigned URL, and both files deleted once storage's read
 * events show the download and the grace window passed. The file is generated as it is sent, part by part, never
 * held whole; the phases' times are printed.
 */
class PresignedGigabyteUploadEndToEndTest {

    /** About 62 bytes a row: a little over 1 GB. */
    private static final long ROWS = 17_000_000;
    private static final int IN_FLIGHT = 4;
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** How long storage's read events may take to reach the service, and the cleanup to act on them. */
    private static final Duration EVENTS = Duration.ofSeconds(60);
    private static final String SMA_ONLY = "{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":5}]}";

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static PresignedClient presigned;
    private static ExecutorService parallel;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(60))
                .start(Map.of("signalbox.download.grace", GRACE.toSeconds() + "s"));
        jobs = new JobsClient(signalbox);
        presigned = new PresignedClient(signalbox);
        parallel = Executors.newFixedThreadPool(IN_FLIGHT);
    }

    @AfterAll
    static void stop() {
        if (parallel != null) {
            parallel.shutdownNow();
        }
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void uploadsAGigabyteInParallelPartsResumesAfterAnInterruptionAndProcessesIt() throws Exception {
        SamplePrices file = SamplePrices.builder().rows(ROWS).symbols(8).build();
        long started = System.nanoTime();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        file.writeTo(counted);
        long size = counted.count;
        String sha256 = HexFormat.of().formatHex(digest.digest());
        assertThat(size).isGreaterThan(1_000_000_000L);
        long hashed = System.nanoTime();

        JsonNode upload = presigned.created("""
                {"upload": "presigned", "name": "gigabyte.csv", "size": %d, "sha256": "%s", "recipe": %s}"""
                .formatted(size, sha256, SMA_ONLY));
        String id = upload.get("job").get("id").asText();
        int partSize = upload.get("partSize").asInt();
        int partCount = upload.get("partCount").asInt();
        assertThat(partCount).isEqualTo((int) ((size + partSize - 1) / partSize));
        Map<Integer, JsonNode> urls = byNumber(upload.get("parts"));

        // The first attempt: every tenth part is never sent, part 7's connection drops halfway through its body.
        Set<Integer> notSent = new TreeSet<>();
        sendParts(file, partSize, (number, part) -> {
            if (number % 10 == 0) {
                notSent.add(number);
                return null;
            }
            if (number == 7) {
                PresignedClient.putCutOff(urls.get(number), part, 0, part.length, part.length / 2);
                return null;
            }
            return urls.get(number);
        });
        long interrupted = System.nanoTime();

        JsonNode resumed = presigned.stateOk(id);
        Set<Integer> missing = new TreeSet<>(notSent);
        missing.add(7);
        assertThat(resumed.get("uploadedParts")).hasSize(partCount - missing.size());
        Map<Integer, JsonNode> missingUrls = byNumber(resumed.get("parts"));
        assertThat(missingUrls.keySet()).containsExactlyInAnyOrderElementsOf(missing);

        sendParts(file, partSize, (number, part) -> missingUrls.get(number));
        JsonNode whole = presigned.stateOk(id);
        assertThat(whole.get("parts")).isEmpty();
        assertThat(presigned.complete(id, PresignedClient.completionOf(whole)).statusCode()).isEqualTo(200);
        long completed = System.nanoTime();

        JsonNode done = jobs.awaitStatus(id, Duration.ofMinutes(15), "SUCCEEDED", "FAILED");
        long processed = System.nanoTime();
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("inputBytes").asLong()).isEqualTo(size);
        assertThat(done.get("inputSha256").asText()).isEqualTo(sha256);
        assertThat(done.get("rows").asLong()).isEqualTo(ROWS);

        HttpResponse<String> redirect = signalbox.send(signalbox.request("/v1/jobs/" + id + "/result")
                .header("Prefer", "return=redirect").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(303);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        MessageDigest resultDigest = MessageDigest.getInstance("SHA-256");
        HttpResponse<InputStream> fromStorage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(fromStorage.statusCode()).isEqualTo(200);
        long resultBytes;
        try (InputStream body = fromStorage.body();
                CountingOutputStream sink = new CountingOutputStream(new DigestOutputStream(
                        OutputStream.nullOutputStream(), resultDigest))) {
            body.transferTo(sink);
            resultBytes = sink.count;
        }
        assertThat(resultBytes).isEqualTo(done.get("resultBytes").asLong());
        assertThat(HexFormat.of().formatHex(resultDigest.digest())).isEqualTo(done.get("resultSha256").asText());
        long downloaded = System.nanoTime();

        assertThat(jobs.awaitStatus(id, EVENTS, "DOWNLOADED").get("downloadedAt")).isNotNull();
        JsonNode deleted = DropFolderProbe.awaitValue("the deletion receipt", GRACE.plus(EVENTS), () -> {
            JsonNode current = jobs.job(id);
            return current.has("deletedAt") ? current : null;
        });
        assertThat(deleted.get("deletedBecause").asText()).isEqualTo("downloaded");
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
        assertThat(signalbox.keys("results/acme/" + id + "/")).isEmpty();
        assertThat(jobs.getBytes("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(410);
        System.out.printf("presigned upload of %,d bytes in %d parts of %,d bytes: generating and hashing %.1f s,"
                        + " first attempt (%d parts not sent, 1 cut off) %.1f s, resume and completion %.1f s,"
                        + " processing until SUCCEEDED %.1f s, presigned download of %,d bytes %.1f s%n", size,
                partCount, partSize, seconds(started, hashed), notSent.size(), seconds(hashed, interrupted),
                seconds(interrupted, completed), seconds(completed, processed), resultBytes,
                seconds(processed, downloaded));
    }

    /**
     * Generates the file again and PUTs each part the pass gives a URL for, at most {@value #IN_FLIGHT} at a time;
     * the pass may also do something else with the part and answer {@code null}.
     */
    private static void sendParts(SamplePrices file, int partSize, Pass pass) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<String>> sent = new ArrayList<>();
        PartSlicer slicer = new PartSlicer(partSize, (number, part) -> {
            JsonNode url = pass.urlFor(number, part);
            if (url == null) {
                return;
            }
            slots.acquireUninterruptibly();
            sent.add(CompletableFuture.supplyAsync(() -> presigned.putPart(url, part, 0, part.length), parallel)
                    .whenComplete((eTag, failure) -> slots.release()));
        });
        file.writeTo(slicer);
        slicer.finish();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private static Map<Integer, JsonNode> byNumber(JsonNode parts) {
        Map<Integer, JsonNode> urls = new HashMap<>();
        parts.forEach(part -> urls.put(part.get("partNumber").asInt(), part));
        return urls;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** What to do with each part of a pass. */
    @FunctionalInterface
    private interface Pass {
        /** @return the part's URL to PUT it to, or {@code null} when it is not to be sent (or was dealt with) */
        JsonNode urlFor(int number, byte[] part);
    }

    /** Cuts what is written into parts of a size, handing each on as a fresh array once it is full. */
    private static final class PartSlicer extends OutputStream {

        private final int partSize;
        private final BiConsumer<Integer, byte[]> onPart;
        private byte[] part;
        private int filled;
        private int number;

        PartSlicer(int partSize, BiConsumer<Integer, byte[]> onPart) {
            this.partSize = partSize;
            this.onPart = onPart;
            this.part = new byte[partSize];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                int n = Math.min(length, partSize - filled);
                System.arraycopy(bytes, offset, part, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == partSize) {
                    onPart.accept(++number, part);
                    part = new byte[partSize];
                    filled = 0;
                }
            }
        }

        void finish() {
            if (filled > 0) {
                onPart.accept(++number, Arrays.copyOf(part, filled));
            }
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {

        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
