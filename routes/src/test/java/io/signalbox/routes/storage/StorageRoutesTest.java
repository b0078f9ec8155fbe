package io.signalbox.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.fixtures.aws.LocalAwsExtension;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The storage routes on a real S3-API server: deleting a prefix leaves nothing under it, parts included. */
class StorageRoutesTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder().build();

    private static final String BUCKET = LocalAwsExtension.BUCKET;

    private final List<String> noted = new CopyOnWriteArrayList<>();
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.setProperty("signalbox.storage.bucket", BUCKET);
        settings.setProperty("signalbox.storage.part-size-bytes", String.valueOf(PartSchedule.MIN_PART_SIZE));
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration().setAmazonS3Client(AWS.s3());
        PartSchedule schedule = new PartSchedule(8L * 1024 * 1024, 1000);
        StreamingUpload upload = new StreamingUpload(AWS.s3(), BUCKET, schedule,
                PartStorage.inTemporaryFolder(schedule.firstPartSize()));
        camel.addRoutes(new StorageRoutes(upload, upload, new MultipartUploads(AWS.s3(), BUCKET),
                (jobId, key) -> noted.add(jobId + " " + key)));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void deletingAPrefixAbortsItsUnfinishedUploadsDeletesItsObjectsAndNotesEachForTheReceipt() {
        put("results/t/j/1/result.csv");
        put("uploads/t/j/input");
        put("results/t/other/1/result.csv");
        String crashed = AWS.s3().createMultipartUpload(b -> b.bucket(BUCKET).key("results/t/j/2/result.csv"))
                .uploadId();
        AWS.s3().uploadPart(b -> b.bucket(BUCKET).key("results/t/j/2/result.csv").uploadId(crashed).partNumber(1),
                RequestBody.fromBytes(new byte[1024]));

        deletePrefix("results/t/j/", "job-1");

        assertThat(keys("results/t/j/")).isEmpty();
        assertThat(AWS.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("results/t/j/")).uploads()).isEmpty();
        assertThat(keys("results/t/other/")).containsExactly("results/t/other/1/result.csv");
        assertThat(keys("uploads/t/j/")).containsExactly("uploads/t/j/input");
        assertThat(noted).containsExactly("job-1 results/t/j/1/result.csv");
    }

    @Test
    void objectsThatAreNoJobsFilesAreDeletedWithoutANote() {
        put("results/t/late/3/result.csv");

        deletePrefix("results/t/late/", null);

        assertThat(keys("results/t/late/")).isEmpty();
        assertThat(noted).isEmpty();
    }

    @Test
    void aCopyOverThePartSizeGoesInPartsOnlyWhileTheSourceKeepsItsETagAndLeavesNoUploadWhenItChanged() {
        byte[] large = new byte[2 * (int) PartSchedule.MIN_PART_SIZE + 1234];
        new Random(11).nextBytes(large);
        String eTag = AWS.s3().putObject(b -> b.bucket(BUCKET).key("inbox/p/large.csv"), RequestBody.fromBytes(large))
                .eTag();

        assertThat(copy("inbox/p/large.csv", "uploads/t/j/input", eTag, large.length)).isTrue();
        assertThat(copy("inbox/p/large.csv", "uploads/t/k/input", "\"0123456789abcdef0123456789abcdef\"",
                large.length)).isFalse();
        assertThat(copy("inbox/p/large.csv", "uploads/t/l/input", "\"0123456789abcdef0123456789abcdef\"", 10))
                .as("one copy, under the same condition").isFalse();

        assertThat(AWS.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/t/j/input")).asByteArray())
                .isEqualTo(large);
        assertThat(keys("uploads/t/")).containsExactly("uploads/t/j/input");
        assertThat(AWS.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("uploads/t/")).uploads()).isEmpty();
    }

    private boolean copy(String source, String destination, String eTag, long size) {
        Exchange exchange = camel.createProducerTemplate().send(StorageRoutes.COPY, ExchangePattern.InOut, e -> {
            e.getMessage().setHeader(AWS2S3Constants.KEY, source);
            e.getMessage().setHeader(AWS2S3Constants.DESTINATION_KEY, destination);
            e.getMessage().setHeader(AWS2S3Constants.IF_MATCH_CONDITION, eTag);
            e.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, size);
            e.setProperty(StorageRoutes.COPY_PART_BYTES, PartSchedule.MIN_PART_SIZE);
        });
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(Boolean.class);
    }

    private void deletePrefix(String prefix, String receiptFor) {
        Exchange exchange = camel.createProducerTemplate().send(StorageRoutes.DELETE_PREFIX, ExchangePattern.InOut,
                e -> {
                    e.getMessage().setBody(prefix);
                    e.setProperty(StorageRoutes.DELETE_REASON, "cancelled");
                    if (receiptFor != null) {
                        e.setProperty(StorageRoutes.RECEIPT_FOR, receiptFor);
                    }
                });
        assertThat(exchange.getException()).isNull();
    }

    private static void put(String key) {
        AWS.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
    }

    private static List<String> keys(String prefix) {
        return AWS.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }
}
