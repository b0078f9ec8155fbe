package io.signalbox.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.fixtures.aws.LocalAwsExtension;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.routes.AdvisedRouteTest;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.common.ObjectEventReader;
import io.signalbox.routes.storage.MultipartUploads;
import io.signalbox.routes.storage.PartSchedule;
import io.signalbox.routes.storage.PartStorage;
import io.signalbox.routes.storage.StorageRoutes;
import io.signalbox.routes.storage.StreamingUpload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code ingest-drop} route with the real storage routes on a real S3-API server, its database steps a recording
 * stand-in: every transfer of taking a drop's files is a step of the route, and what each answer means decides the
 * next one. Each test drops under its own name.
 */
class IngestDropTest extends AdvisedRouteTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder().build();

    private static final String BUCKET = LocalAwsExtension.BUCKET;
    private static final int COPY_PART_BYTES = 5 * 1024 * 1024;

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "signalbox.storage.bucket", BUCKET,
                "signalbox.storage.region", AWS.region(),
                "signalbox.storage.part-size-bytes", String.valueOf(PartSchedule.MIN_PART_SIZE),
                "signalbox.queues.account-id", "000000000000",
                "signalbox.queues.events", "signalbox-events",
                "signalbox.queues.jobs", "signalbox-jobs",
                "signalbox.queues.wait-time-seconds", "1",
                "signalbox.ingest.visibility-timeout-seconds", "30",
                "signalbox.partners.copy-part-bytes", String.valueOf(COPY_PART_BYTES));
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        PartSchedule schedule = new PartSchedule(8L * 1024 * 1024, 1000);
        StreamingUpload upload = new StreamingUpload(AWS.s3(), BUCKET, schedule,
                PartStorage.inTemporaryFolder(schedule.firstPartSize()));
        return new RoutesBuilder[] {
            new ErrorHandling((jobId, cause) -> { }),
            new StorageRoutes(upload, upload, new MultipartUploads(AWS.s3(), BUCKET), (jobId, key) -> { }),
            new IngestRoutes(new ObjectEventReader(), BUCKET, event -> null, new RecordingDrops(),
                    event -> { })};
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        context.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration().setAmazonS3Client(AWS.s3());
        // Events come from the tests here, not from the queue the bucket notifies.
        AdviceWith.adviceWith(context, "ingest-receive", a -> {
            a.replaceFromWith("direct:events");
            a.weaveByToUri("aws2-sqs:*").replace().to("mock:jobs");
        });
        AdviceWith.adviceWith(context, "storage-delete-object", a -> a.weaveAddLast()
                .process(exchange -> deleted.add(exchange.getMessage().getHeader("CamelAwsS3Key", String.class) + " "
                        + exchange.getProperty(StorageRoutes.DELETE_REASON, String.class))));
        context.start();
    }

    @Test
    void aDropWithItsSidecarsIsCopiedRecordedDeletedFromTheInboxAndQueued() {
        String recipe = Recipes.presetJson("indicators");
        String dataETag = put("inbox/acme/full.csv", "date,symbol\n");
        put("inbox/acme/full.signals.csv.gz", "signals");
        put("inbox/acme/full.recipe.json", recipe);

        Exchange exchange = drop("full", dataETag);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("job-full");
        assertThat(content("uploads/acme/job-full/input")).isEqualTo("date,symbol\n");
        assertThat(content("uploads/acme/job-full/signals")).isEqualTo("signals");
        assertThat(steps).containsExactly("files job-full",
                "record job-full 12 bytes, signals full.signals.csv.gz, recipe " + recipe.length() + " chars",
                "queue job-full");
        assertThat(keys("inbox/acme/full")).isEmpty();
        assertThat(deleted).containsExactly("inbox/acme/full.signals.csv.gz moved-into-job",
                "inbox/acme/full.recipe.json moved-into-job", "inbox/acme/full.csv moved-into-job");
        assertThat(keys("outbox/acme/full")).isEmpty();
    }

    @Test
    void aDataFileOverTheCopyPartSizeIsCopiedInParts() {
        byte[] large = new byte[2 * COPY_PART_BYTES + 1234];
        new Random(7).nextBytes(large);
        String eTag = AWS.s3().putObject(b -> b.bucket(BUCKET).key("inbox/acme/large.csv"), RequestBody.fromBytes(large))
                .eTag();

        Exchange exchange = drop("large", eTag);

        assertThat(exchange.getException()).isNull();
        assertThat(steps).as("the job's steps").contains("record job-large " + large.length
                + " bytes, no signals, no recipe");
        assertThat(exchange.getMessage().getBody()).isEqualTo("job-large");
        assertThat(AWS.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/acme/job-large/input")).asByteArray())
                .isEqualTo(large);
        assertThat(steps).contains("record job-large " + large.length + " bytes, no signals, no recipe");
        assertThat(AWS.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("uploads/acme/job-large/")).uploads())
                .isEmpty();
        assertThat(keys("inbox/acme/large")).isEmpty();
    }

    @Test
    void aDataFileGoneBeforeItsJobTakesItFailsTheJobWithAnErrorFileWrittenFirst() {
        Exchange exchange = drop("gone", "0123456789abcdef0123456789abcdef");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isNull();
        assertThat(content("outbox/acme/gone.error.json"))
                .isEqualTo("input_missing: gone.csv was no longer in the inbox when job job-gone came to take it;"
                        + " drop it again");
        assertThat(steps).containsExactly("files job-gone", "error file job-gone", "fail job-gone input_missing",
                "queue job-gone");
        assertThat(keys("uploads/acme/job-gone/")).isEmpty();
    }

    @Test
    void aDataFileReplacedBeforeItWasTakenSupersedesTheJobWithoutAnErrorFileAndStays() {
        put("inbox/acme/replaced.csv", "newer\n");

        Exchange exchange = drop("replaced", "0123456789abcdef0123456789abcdef");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isNull();
        assertThat(steps).containsExactly("files job-replaced", "fail job-replaced superseded", "queue job-replaced");
        assertThat(keys("outbox/acme/replaced")).isEmpty();
        assertThat(keys("uploads/acme/job-replaced/")).isEmpty();
        assertThat(keys("inbox/acme/replaced")).containsExactly("inbox/acme/replaced.csv");
        assertThat(deleted).isEmpty();
    }

    @Test
    void anEventDeliveredAgainAfterTheCopyTakesTheJobsCopyAndFinishes() {
        String eTag = put("inbox/acme/again.csv", "older\n");
        put("uploads/acme/job-again/input", "older\n");
        // replaced since: only the job's copy, made by the earlier delivery, is the job's
        put("inbox/acme/again.csv", "newer, longer\n");

        Exchange exchange = drop("again", eTag);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("job-again");
        assertThat(steps).contains("record job-again 6 bytes, no signals, no recipe");
        assertThat(content("uploads/acme/job-again/input")).isEqualTo("older\n");
        assertThat(keys("inbox/acme/again")).as("the newer upload stays for its own job")
                .containsExactly("inbox/acme/again.csv");
    }

    @Test
    void aRecipeSidecarThatIsNoRecipeFailsTheJobAndTheDropLeavesTheInbox() {
        String eTag = put("inbox/acme/bad.csv", "date,symbol\n");
        put("inbox/acme/bad.signals.csv", "signals");
        put("inbox/acme/bad.recipe.json", "  \n");

        Exchange exchange = drop("bad", eTag);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isNull();
        assertThat(content("outbox/acme/bad.error.json"))
                .startsWith("recipe_invalid: bad.recipe.json: recipe $: empty document");
        assertThat(steps).containsExactly("files job-bad", "error file job-bad", "fail job-bad recipe_invalid",
                "queue job-bad");
        assertThat(deleted).containsExactlyInAnyOrder("inbox/acme/bad.csv failed", "inbox/acme/bad.recipe.json failed",
                "inbox/acme/bad.signals.csv failed");
    }

    private Exchange drop(String name, String eTag) {
        ObjectEvent event = new ObjectEvent("ObjectCreated:Put", BUCKET, "inbox/acme/" + name + ".csv", 12, eTag, null,
                "0065E1A2B3C4D5E6F7", Instant.now());
        return template.send(IngestRoutes.DROP, e -> e.getMessage().setBody(event));
    }

    private static String put(String key, String content) {
        return AWS.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content)).eTag();
    }

    private static String content(String key) {
        try {
            return AWS.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static List<String> keys(String prefix) {
        return AWS.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /** The database steps, as a list of what was asked; a drop {@code NAME} is job {@code job-NAME}. */
    private final class RecordingDrops implements DropIntake {

        @Override
        public DroppedJob register(ObjectEvent event) {
            String name = event.key().substring("inbox/acme/".length(), event.key().length() - ".csv".length());
            return new DroppedJob("job-" + name, event, true);
        }

        @Override
        public DropTake files(DroppedJob job) {
            steps.add("files " + job.jobId());
            String name = job.event().key().substring("inbox/acme/".length());
            String base = "inbox/acme/" + name.substring(0, name.length() - ".csv".length());
            String uploads = "uploads/acme/" + job.jobId() + "/";
            return DropTake.start(job.jobId(), new DropFiles(
                    new InboxObject(job.event().key(), job.event().eTag(), DropTake.MOVED), name, uploads + "input",
                    List.of(new Sidecar(base + ".signals.csv", base.substring(11) + ".signals.csv"),
                            new Sidecar(base + ".signals.csv.gz", base.substring(11) + ".signals.csv.gz")),
                    uploads + "signals", new Sidecar(base + ".recipe.json", base.substring(11) + ".recipe.json")));
        }

        @Override
        public ErrorFile errorFile(DropTake take) {
            steps.add("error file " + take.jobId());
            String name = take.files().dataFile().key().substring("inbox/acme/".length()).replace(".csv", "");
            return new ErrorFile("outbox/acme/" + name + ".error.json", (take.failure().code() + ": "
                    + take.failure().message()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public DropTake fail(DropTake take) {
            steps.add("fail " + take.jobId() + " " + take.failure().code());
            return take.failed();
        }

        @Override
        public DropTake record(DropTake take) {
            steps.add("record " + take.jobId() + " " + take.inputBytes() + " bytes, "
                    + (take.signals() == null ? "no signals" : "signals " + take.signalsSought().name()) + ", "
                    + (take.recipeJson() == null ? "no recipe" : "recipe " + take.recipeJson().length() + " chars"));
            return take.recorded();
        }

        @Override
        public String queue(DropTake take) {
            steps.add("queue " + take.jobId());
            return take.ready() ? take.jobId() : null;
        }
    }
}
