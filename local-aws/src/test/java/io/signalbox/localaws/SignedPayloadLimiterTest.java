package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;

class SignedPayloadLimiterTest {

    private static final String SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        SHA256 + ",                              8388608, true",
        SHA256 + ",                              none,    true",
        SHA256 + ",                              100,     false",
        "UNSIGNED-PAYLOAD,                        8388608, false",
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER,      8388608, false",
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD,      8388608, false",
        "none,                                    8388608, false",
    })
    void gatesOnlyLargePayloadsThatS3ProxyMustReadWholeToCheckTheirHash(String contentSha256, String length,
            boolean gated) {
        assertThat(SignedPayloadLimiter.bufferedByS3Proxy(contentSha256, length)).isEqualTo(gated);
    }

    @Test
    void manyConcurrentUploadsWithSignedPayloadsAllSucceed(@TempDir Path data) throws Exception {
        try (LocalAws aws = LocalAws.builder().dataDirectory(data).credentials("service-key", "service-secret")
                .bucket("signalbox").start();
                S3Client signedPayloads = signedPayloadClient(aws.s3Endpoint())) {
            byte[] body = new byte[2 * 1024 * 1024];
            String md5 = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> uploads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String key = "uploads/t1/part-" + i;
                    uploads.add(pool.submit(() -> signedPayloads.putObject(request -> request.bucket("signalbox")
                            .key(key), RequestBody.fromBytes(body)).eTag()));
                }
                for (Future<String> upload : uploads) {
                    assertThat(upload.get()).isEqualTo(md5);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(signedPayloads.listObjectsV2(request -> request.bucket("signalbox").prefix("uploads/t1/"))
                    .keyCount()).isEqualTo(8);
        }
    }

    @Test
    void aSignedPayloadAboveTheLimitIsRefusedWithAnErrorTheClientCanRead(@TempDir Path data) {
        try (LocalAws aws = LocalAws.builder().dataDirectory(data).credentials("service-key", "service-secret")
                .bucket("signalbox").start();
                S3Client signedPayloads = signedPayloadClient(aws.s3Endpoint())) {
            byte[] body = new byte[33 * 1024 * 1024];

            assertThatThrownBy(() -> signedPayloads.putObject(request -> request.bucket("signalbox")
                    .key("uploads/t1/too-big"), RequestBody.fromBytes(body)))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> {
                        S3Exception refused = (S3Exception) e;
                        assertThat(refused.statusCode()).isEqualTo(400);
                        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("MaxMessageLengthExceeded");
                        assertThat(refused.awsErrorDetails().errorMessage())
                                .contains("takes at most 32 MiB, this one has 34603008 bytes");
                    });
            assertThat(signedPayloads.listObjectsV2(request -> request.bucket("signalbox")).keyCount()).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"33554432, false", "33554433, true", "none, false", "x, false"})
    void aSignedPayloadIsTooLargeAbove32MiB(String contentLength, boolean tooLarge) {
        assertThat(SignedPayloadLimiter.tooLargeToBuffer(contentLength)).isEqualTo(tooLarge);
    }

    /** Without chunked encoding the SDK signs a payload's SHA-256 over plain HTTP, as the AWS CLI does. */
    private static S3Client signedPayloadClient(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("service-key", "service-secret")))
                .httpClient(ApacheHttpClient.builder().maxConnections(8).connectionTimeout(Duration.ofSeconds(5))
                        .build())
                .build();
    }
}
