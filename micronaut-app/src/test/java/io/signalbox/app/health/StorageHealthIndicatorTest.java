package io.signalbox.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.signalbox.app.storage.StorageSettings;
import io.signalbox.localaws.LocalAws;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage readiness check against a real S3-API server, with identities allowed more or less. */
class StorageHealthIndicatorTest {

    private static final StorageSettings STORAGE = new StorageSettings("signalbox", "us-east-1", null, 5 * 1024 * 1024, 1000, 16 * 1024 * 1024);

    @TempDir
    static Path data;

    private static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.builder().dataDirectory(data).credentials("service-key", "service-secret").bucket("signalbox")
                .partner("acme", "acme-key", "acme-secret").start();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void upWhenTheBucketCanBeListed() {
        try (S3Client s3 = client(aws.s3Endpoint(), "service-key", "service-secret")) {
            HealthResult result = check(s3, STORAGE);

            assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(details(result)).containsEntry("bucket", "signalbox").containsEntry("access", "listed");
        }
    }

    @Test
    void upWhenS3AnswersButThisIdentityMayNotList() {
        try (S3Client s3 = client(aws.s3Endpoint(), "acme-key", "acme-secret")) {
            HealthResult result = check(s3, STORAGE);

            assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(details(result)).containsEntry("access", "reachable; this process may not list readiness/");
        }
    }

    @Test
    void downWhenTheCredentialsAreRejected() {
        try (S3Client s3 = client(aws.s3Endpoint(), "service-key", "wrong-secret")) {
            HealthResult result = check(s3, STORAGE);

            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(details(result).get("error").toString()).contains("bucket signalbox: SignatureDoesNotMatch");
        }
    }

    @Test
    void downWhenTheBucketDoesNotExist() {
        try (S3Client s3 = client(aws.s3Endpoint(), "service-key", "service-secret")) {
            HealthResult result = check(s3, new StorageSettings("no-such-bucket", "us-east-1", null, 5 * 1024 * 1024, 1000, 16 * 1024 * 1024));

            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(details(result).get("error").toString()).contains("bucket no-such-bucket: NoSuchBucket");
        }
    }

    @Test
    void downWhenNothingAnswers() {
        try (S3Client s3 = client(URI.create("http://127.0.0.1:1"), "service-key", "service-secret")) {
            HealthResult result = check(s3, STORAGE);

            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(details(result).get("error").toString()).contains("bucket signalbox is unreachable");
        }
    }

    /** Asks the check the way the health endpoint does, through its published result. */
    private static HealthResult check(S3Client s3, StorageSettings storage) {
        StorageHealthIndicator indicator = new StorageHealthIndicator(s3, storage);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        indicator.setExecutorService(executor);
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        indicator.getResult().subscribe(new Subscriber<HealthResult>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult health) {
                result.complete(health);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.completeExceptionally(new IllegalStateException("no health result"));
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            executor.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }

    private static S3Client client(URI endpoint, String key, String secret) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }
}
