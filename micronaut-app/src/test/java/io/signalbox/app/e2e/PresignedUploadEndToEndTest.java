package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Presigned uploads end to end: the API creates the multipart upload, a plain HTTP client PUTs the parts straight to
 * the embedded S3 server, the completed object's event queues the job, and the engine processes it.
 */
class PresignedUploadEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final int MIB = 1024 * 1024;
    private static final String SMA_ONLY = "{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":5}]}";

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static PresignedClient presigned;
    private static ExecutorService parallel;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of(
                "signalbox.cleanup.interval-millis", 500,
                "signalbox.upload.max-bytes", 2L * 1024 * MIB));
        jobs = new JobsClient(signalbox);
        presigned = new PresignedClient(signalbox);
        parallel = Executors.newFixedThreadPool(4);
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
    void uploadsInParallelPartsResumesAfterACutConnectionAndProcessesTheDeclaredFile() throws Exception {
        byte[] file = JobApiEndToEndTest.generatedPrices(200_000);
        assertThat(file.length).isBetween(2 * 8 * MIB + 1, 3 * 8 * MIB);
        HttpResponse<String> accepted = presigned.create("""
                {"upload": "presigned", "name": "big prices.csv", "size": %d, "sha256": "%s", "recipe": %s}"""
                .formatted(file.length, JobApiEndToEndTest.sha256(file), SMA_ONLY));

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode upload = json(accepted.body());
        String id = upload.get("job").get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/v1/jobs/" + id);
        assertThat(upload.get("job").get("status").asText()).isEqualTo("AWAITING_UPLOAD");
        assertThat(upload.get("job").get("inputName").asText()).isEqualTo("big prices.csv");
        assertThat(upload.get("partSize").asLong()).isEqualTo(8 * MIB);
        assertThat(upload.get("partCount").asInt()).isEqualTo(3);
        assertThat(upload.get("uploadedParts")).isEmpty();
        JsonNode parts = upload.get("parts");
        assertThat(parts).extracting(part -> part.get("partNumber").asInt()).containsExactly(1, 2, 3);
        assertThat(parts.get(0).get("url").asText()).startsWith(signalbox.aws().s3Endpoint() + "/signalbox/uploads/acme/"
                + id + "/input?").contains("uploadId=", "partNumber=1", "X-Amz-Signature=");

        // Parts 1 and 3 in parallel; part 2's connection drops halfway through its body.
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> presigned.putPart(parts.get(0), file,
                0, 8 * MIB), parallel);
        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> presigned.putPart(parts.get(2), file,
                16 * MIB, file.length - 16 * MIB), parallel);
        PresignedClient.putCutOff(parts.get(1), file, 8 * MIB, 8 * MIB, 4 * MIB);
        CompletableFuture.allOf(first, third).join();

        JsonNode resumed = presigned.stateOk(id);
        assertThat(resumed.get("uploadedParts")).extracting(part -> part.get("partNumber").asInt()).containsExactly(1, 3);
        assertThat(resumed.get("uploadedParts").get(0).get("etag").asText()).isEqualTo(first.join());
        assertThat(resumed.get("uploadedParts").get(1).get("size").asLong()).isEqualTo(file.length - 16 * MIB);
        assertThat(resumed.get("parts")).hasSize(1);
        assertThat(resumed.get("parts").get(0).get("partNumber").asInt()).isEqualTo(2);
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("AWAITING_UPLOAD");

        presigned.putPart(resumed.get("parts").get(0), file, 8 * MIB, 8 * MIB);
        HttpResponse<String> completed = presigned.complete(id, PresignedClient.completionOf(presigned.stateOk(id)));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(json(completed.body()).get("inputBytes").asLong()).isEqualTo(file.length);
        assertThat(json(completed.body()).get("uploadedAt")).isNotNull();
        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("inputSha256").asText()).isEqualTo(JobApiEndToEndTest.sha256(file));
        assertThat(done.get("inputBytes").asLong()).isEqualTo(file.length);
        assertThat(done.get("rows").asLong()).isEqualTo(200_000);
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).containsExactly("uploads/acme/" + id + "/input");

        HttpResponse<String> again = presigned.complete(id, PresignedClient.completionOf(resumed));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again.body()).get("error").asText()).isEqualTo("not_awaiting_upload");
        assertThat(again.body()).contains("its upload was completed at");
        assertThat(presigned.state(id).statusCode()).isEqualTo(409);
    }

    @Test
    void aFileThatIsNotTheOneDeclaredFailsNamingBothChecksums() throws Exception {
        byte[] file = sample("prices.csv");
        String declared = JobApiEndToEndTest.sha256("another file".getBytes(StandardCharsets.UTF_8));
        JsonNode upload = presigned.created("""
                {"upload": "presigned", "name": "prices.csv", "size": %d, "sha256": "%s"}""".formatted(file.length, declared));
        String id = upload.get("job").get("id").asText();
        presigned.putPart(upload.get("parts").get(0), file, 0, file.length);

        assertThat(presigned.complete(id, PresignedClient.completionOf(presigned.stateOk(id))).statusCode()).isEqualTo(200);

        JsonNode failed = jobs.awaitStatus(id, PROCESSING, "FAILED", "SUCCEEDED");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failure").get("code").asText()).isEqualTo("checksum_mismatch");
        assertThat(failed.get("failure").get("reason").asText()).isEqualTo("prices.csv: the SHA-256 of the uploaded file is "
                + JobApiEndToEndTest.sha256(file) + ", but " + declared + " was declared for it; the file changed or was damaged on its"
                + " way, upload it again");
        assertThat(signalbox.keys("results/acme/" + id + "/")).isEmpty();
    }

    @Test
    void aDamagedFileIsReportedAsNotTheOneDeclaredRatherThanByItsFirstBadRow() throws Exception {
        byte[] intended = sample("prices.csv");
        byte[] damaged = sample("prices-bad-number.csv");
        JsonNode upload = presigned.created("""
                {"upload": "presigned", "name": "prices.csv", "size": %d, "sha256": "%s"}"""
                .formatted(damaged.length, JobApiEndToEndTest.sha256(intended)));
        String id = upload.get("job").get("id").asText();
        presigned.putPart(upload.get("parts").get(0), damaged, 0, damaged.length);
        assertThat(presigned.complete(id, PresignedClient.completionOf(presigned.stateOk(id))).statusCode()).isEqualTo(200);

        JsonNode failed = jobs.awaitStatus(id, PROCESSING, "FAILED", "SUCCEEDED");

        assertThat(failed.get("failure").get("code").asText()).isEqualTo("checksum_mismatch");
        assertThat(failed.get("failure").get("reason").asText()).contains(JobApiEndToEndTest.sha256(damaged),
                JobApiEndToEndTest.sha256(intended));
    }

    @Test
    void completingWithAnETagThatDoesNotMatchNamesThePart() {
        byte[] file = JobApiEndToEndTest.generatedPrices(150_000);
        JsonNode upload = presigned.created(creation(file.length));
        String id = upload.get("job").get("id").asText();
        String firstETag = presigned.putPart(upload.get("parts").get(0), file, 0, 8 * MIB);
        presigned.putPart(upload.get("parts").get(1), file, 8 * MIB, file.length - 8 * MIB);

        HttpResponse<String> refused = presigned.complete(id, """
                {"parts": [{"partNumber": 1, "etag": %s}, {"partNumber": 2, "etag": "\\"0123456789abcdef0123456789abcdef\\""}]}"""
                .formatted(quoted(firstETag)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("error").asText()).isEqualTo("etag_mismatch");
        assertThat(refused.body()).contains("part 2 (\\\"0123456789abcdef0123456789abcdef\\\" given");
        assertThat(jobs.job(id).get("status").asText()).isEqualTo("AWAITING_UPLOAD");
        assertThat(presigned.complete(id, PresignedClient.completionOf(presigned.stateOk(id))).statusCode()).isEqualTo(200);
    }

    @Test
    void completingWithPartsMissingNamesThem() {
        byte[] file = JobApiEndToEndTest.generatedPrices(200_000);
        JsonNode upload = presigned.created(creation(file.length));
        String id = upload.get("job").get("id").asText();
        String firstETag = presigned.putPart(upload.get("parts").get(0), file, 0, 8 * MIB);

        HttpResponse<String> unlisted = presigned.complete(id, "{\"parts\": [{\"partNumber\": 1, \"etag\": "
                + quoted(firstETag) + "}]}");
        HttpResponse<String> notUploaded = presigned.complete(id, "{\"parts\": [{\"partNumber\": 1, \"etag\": "
                + quoted(firstETag) + "}, {\"partNumber\": 2, \"etag\": \"x\"}, {\"partNumber\": 3, \"etag\": \"y\"}]}");

        assertThat(unlisted.statusCode()).isEqualTo(400);
        assertThat(json(unlisted.body()).get("error").asText()).isEqualTo("parts_missing");
        assertThat(unlisted.body()).contains("parts 2 and 3 are missing from the list");
        assertThat(notUploaded.statusCode()).isEqualTo(400);
        assertThat(json(notUploaded.body()).get("error").asText()).isEqualTo("parts_missing");
        assertThat(notUploaded.body()).contains("parts 2 and 3 are not uploaded");
    }

    @Test
    void aPartUrlTakesOnlyAPartOfItsOwnSize() {
        byte[] file = aPartAndABit();
        JsonNode upload = presigned.created(creation(file.length));
        String id = upload.get("job").get("id").asText();
        JsonNode first = upload.get("parts").get(0);

        JsonNode last = upload.get("parts").get(1);

        // Short bodies, which storage reads whole before it refuses them; local-aws's tests send a longer one too.
        HttpResponse<String> shorter = presigned.put(first.get("url").asText(), file, 0, 1024, null);
        byte[] lastAndAByte = Arrays.copyOfRange(file, 8 * MIB, file.length + 1);
        HttpResponse<String> longer = presigned.put(last.get("url").asText(), lastAndAByte, 0, lastAndAByte.length, null);

        assertThat(shorter.statusCode()).isEqualTo(403);
        assertThat(longer.statusCode()).isEqualTo(403);
        assertThat(presigned.stateOk(id).get("uploadedParts")).isEmpty();
        presigned.putPart(first, file, 0, 8 * MIB);
        assertThat(presigned.stateOk(id).get("uploadedParts")).hasSize(1);
    }

    @Test
    void aDeclaredSizeOverTheLimitIs413BeforeAnythingIsCreated() throws Exception {
        long jobsBefore = signalbox.jobCount();
        int uploadsBefore = openUploads();

        HttpResponse<String> refused = presigned.create(creation(2L * 1024 * MIB + 1));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json(refused.body()).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(refused.body()).contains("\\\"size\\\" declares 2147483649 bytes; at most 2147483648");
        assertThat(refused.body()).doesNotContain("X-Amz-Signature");
        assertThat(signalbox.jobCount()).isEqualTo(jobsBefore);
        assertThat(openUploads()).isEqualTo(uploadsBefore);
    }

    @Test
    void refusesBadDeclarationsNamingTheKeyBeforeAnythingIsCreated() throws Exception {
        long jobsBefore = signalbox.jobCount();
        int uploadsBefore = openUploads();

        HttpResponse<String> badSha = presigned.create("{\"upload\": \"presigned\", \"size\": 10, \"sha256\": \"12ab\"}");
        HttpResponse<String> unknownKey = presigned.create("{\"upload\": \"presigned\", \"size\": 10, \"callback\": \"x\"}");
        HttpResponse<String> badRecipe = presigned.create("{\"upload\": \"presigned\", \"size\": 10, \"recipe\":"
                + " {\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": 0}]}}");
        HttpResponse<String> notJson = presigned.create("{\"upload\": \"presigned\", \"size\": 10");

        assertThat(badSha.statusCode()).isEqualTo(422);
        assertThat(json(badSha.body()).get("error").asText()).isEqualTo("invalid_field");
        assertThat(badSha.body()).contains("\\\"sha256\\\" is \\\"12ab\\\"; expected the file's SHA-256 as 64 hexadecimal");
        assertThat(unknownKey.statusCode()).isEqualTo(400);
        assertThat(unknownKey.body()).contains("unknown key \\\"callback\\\"");
        assertThat(badRecipe.statusCode()).isEqualTo(422);
        assertThat(json(badRecipe.body()).get("path").asText()).isEqualTo("$.indicators[0].window");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON at line 1");
        for (HttpResponse<String> response : List.of(badSha, unknownKey, badRecipe, notJson)) {
            assertThat(response.body()).doesNotContain("Exception", "io.signalbox");
        }
        assertThat(signalbox.jobCount()).isEqualTo(jobsBefore);
        assertThat(openUploads()).isEqualTo(uploadsBefore);
    }

    @Test
    void partsSentWithTheirSha256AreCheckedByStorage() throws Exception {
        byte[] file = JobApiEndToEndTest.generatedPrices(150_000);
        JsonNode upload = presigned.created("""
                {"upload": "presigned", "name": "prices.csv", "size": %d, "checksumAlgorithm": "SHA256", "recipe": %s}"""
                .formatted(file.length, SMA_ONLY));
        String id = upload.get("job").get("id").asText();
        assertThat(upload.get("checksumAlgorithm").asText()).isEqualTo("SHA256");
        assertThat(upload.get("parts")).allSatisfy(part -> assertThat(part.get("url")).isNull());
        String first = sha256Base64(file, 0, 8 * MIB);
        String second = sha256Base64(file, 8 * MIB, file.length - 8 * MIB);

        HttpResponse<String> issued = presigned.partUrls(id, """
                {"parts": [{"partNumber": 1, "checksumSHA256": "%s"}, {"partNumber": 2, "checksumSHA256": "%s"}]}"""
                .formatted(first, second));
        HttpResponse<String> withoutChecksum = presigned.partUrls(id, "{\"parts\": [{\"partNumber\": 1}]}");

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        JsonNode urls = json(issued.body()).get("parts");
        assertThat(urls.get(0).get("headers").get("x-amz-checksum-sha256").asText()).isEqualTo(first);
        assertThat(withoutChecksum.statusCode()).isEqualTo(422);
        assertThat(withoutChecksum.body()).contains("parts[0].checksumSHA256 is missing");
        byte[] damaged = file.clone();
        damaged[100] ^= 1;
        HttpResponse<String> corrupted = presigned.put(urls.get(0).get("url").asText(), damaged, 0, 8 * MIB,
                urls.get(0).get("headers"));
        assertThat(corrupted.statusCode()).isEqualTo(400);
        assertThat(corrupted.body()).contains("BadDigest");

        String firstETag = presigned.putPart(urls.get(0), file, 0, 8 * MIB);
        String secondETag = presigned.putPart(urls.get(1), file, 8 * MIB, file.length - 8 * MIB);
        HttpResponse<String> completed = presigned.complete(id, """
                {"parts": [{"partNumber": 1, "etag": %s, "checksumSHA256": "%s"},
                           {"partNumber": 2, "etag": %s, "checksumSHA256": "%s"}]}"""
                .formatted(quoted(firstETag), first, quoted(secondETag), second));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("inputSha256").asText()).isEqualTo(JobApiEndToEndTest.sha256(file));
    }

    @Test
    void aSignalsFileGoesWithItsOwnUrlBeforeTheUploadCompletes() {
        byte[] prices = sample("prices.csv");
        byte[] signals = sample("signals.csv");
        JsonNode upload = presigned.created("""
                {"upload": "presigned", "name": "prices.csv", "size": %d, "signals": {"name": "my signals.csv", "size": %d}}"""
                .formatted(prices.length, signals.length));
        String id = upload.get("job").get("id").asText();
        JsonNode signalsUpload = upload.get("signals");
        assertThat(signalsUpload.get("uploaded").asBoolean()).isFalse();
        presigned.putPart(upload.get("parts").get(0), prices, 0, prices.length);

        HttpResponse<String> early = presigned.complete(id, PresignedClient.completionOf(presigned.stateOk(id)));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(json(early.body()).get("error").asText()).isEqualTo("signals_missing");
        assertThat(early.body()).contains("the signals file my signals.csv has not been uploaded");

        HttpResponse<String> put = presigned.put(signalsUpload.get("url").asText(), signals, 0, signals.length, null);
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode state = presigned.stateOk(id);
        assertThat(state.get("signals").get("uploaded").asBoolean()).isTrue();
        assertThat(state.get("signals").get("url")).isNull();
        assertThat(presigned.complete(id, PresignedClient.completionOf(state)).statusCode()).isEqualTo(200);

        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        JsonNode summary = json(jobs.get("/v1/jobs/" + id + "/summary").body()).get("signals");
        assertThat(summary.get("file").asText()).isEqualTo("my signals.csv");
        assertThat(summary.get("matched").asLong()).isEqualTo(5);
    }

    @Test
    void abortingDropsThePartsAndCancelsTheJob() {
        byte[] file = aPartAndABit();
        JsonNode upload = presigned.created(creation(file.length));
        String id = upload.get("job").get("id").asText();
        presigned.putPart(upload.get("parts").get(0), file, 0, 8 * MIB);
        String uploadId = PresignedClient.queryParameter(upload.get("parts").get(0).get("url").asText(), "uploadId");

        HttpResponse<String> aborted = presigned.abort(id);

        assertThat(aborted.statusCode()).isEqualTo(200);
        assertThat(json(aborted.body()).get("status").asText()).isEqualTo("CANCELLED");
        assertThatThrownBy(() -> signalbox.s3().listParts(request -> request.bucket(RunningSignalbox.BUCKET)
                .key("uploads/acme/" + id + "/input").uploadId(uploadId))).isInstanceOf(NoSuchUploadException.class);
        HttpResponse<String> late = presigned.put(upload.get("parts").get(1).get("url").asText(), file, 8 * MIB,
                file.length - 8 * MIB, null);
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(late.body()).contains("NoSuchUpload");
        HttpResponse<String> complete = presigned.complete(id, "{\"parts\": [{\"partNumber\": 1, \"etag\": \"x\"}]}");
        assertThat(complete.statusCode()).isEqualTo(409);
        assertThat(complete.body()).contains("is CANCELLED");
        assertThat(presigned.abort(id).statusCode()).isEqualTo(409);
        assertThat(signalbox.keys("uploads/acme/" + id + "/")).isEmpty();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameUploadAsItIsNow() {
        byte[] file = sample("prices.csv");
        String body = creation(file.length);
        HttpResponse<String> first = presigned.create(body, "Idempotency-Key", "presigned-retry-1");
        String id = json(first.body()).get("job").get("id").asText();
        presigned.putPart(json(first.body()).get("parts").get(0), file, 0, file.length);

        HttpResponse<String> retry = presigned.create(body, "Idempotency-Key", "presigned-retry-1");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry.body()).get("job").get("id").asText()).isEqualTo(id);
        assertThat(json(retry.body()).get("uploadedParts")).hasSize(1);
        assertThat(json(retry.body()).get("parts")).isEmpty();
    }

    @Test
    void anotherTenantFindsNoUpload() throws Exception {
        String otherKey = signalbox.addTenant("initech");
        String id = presigned.created(creation(1000)).get("job").get("id").asText();
        String path = "/v1/jobs/" + id + "/upload";

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (HttpRequest.Builder request : List.of(
                HttpRequest.newBuilder(signalbox.uri(path)).GET(),
                HttpRequest.newBuilder(signalbox.uri(path)).DELETE(),
                HttpRequest.newBuilder(signalbox.uri(path + "/complete")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"parts\": [{\"partNumber\": 1, \"etag\": \"x\"}]}")),
                HttpRequest.newBuilder(signalbox.uri(path + "/parts")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"parts\": [{\"partNumber\": 1}]}")))) {
            answers.add(signalbox.send(request.header("Authorization", "Bearer " + otherKey).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(json(answer.body()).get("error").asText()).isEqualTo("not_found");
            assertThat(answer.body()).doesNotContain("X-Amz-Signature");
        });
        assertThat(presigned.stateOk(id).get("job").get("status").asText()).isEqualTo("AWAITING_UPLOAD");
    }

    @Test
    void aStreamedJobHasNoUploadToShow() {
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();

        HttpResponse<String> state = presigned.state(id);

        assertThat(state.statusCode()).isEqualTo(404);
        assertThat(state.body()).contains("was not created for a presigned upload");
    }

    /** A prices file of one whole part and a last part of a few kilobytes, whole lines both. */
    private static byte[] aPartAndABit() {
        byte[] rows = JobApiEndToEndTest.generatedPrices(100_000);
        int end = 8 * MIB + 2000;
        while (rows[end - 1] != '\n') {
            end++;
        }
        return Arrays.copyOf(rows, end);
    }

    static String creation(long size) {
        return "{\"upload\": \"presigned\", \"name\": \"prices.csv\", \"size\": " + size + ", \"recipe\": " + SMA_ONLY
                + "}";
    }


    private static String sha256Base64(byte[] bytes, int offset, int length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, offset, length);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static String quoted(String eTag) {
        return "\"" + eTag.replace("\"", "\\\"") + "\"";
    }


    private static int openUploads() {
        return signalbox.s3().listMultipartUploads(request -> request.bucket(RunningSignalbox.BUCKET)
                .prefix("uploads/")).uploads().size();
    }
}
