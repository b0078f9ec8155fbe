package io.signalbox.app.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.signalbox.app.storage.AwsClientsFactory;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Readiness: S3 answers for the bucket every route group stores in, with this process's credentials.
 *
 * <p>The check lists at most one key under {@value #PREFIX}. In AWS each service's role may list only some prefixes,
 * or none; S3 then answers {@code AccessDenied}, which still proves what readiness needs: S3 is reachable, the bucket
 * exists and the credentials are valid. A missing bucket, rejected credentials or no answer make it DOWN. It has an
 * S3 client of its own, so that it never waits for a connection behind uploads or processing.
 */
@Singleton
@Readiness
final class StorageHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final String PREFIX = "readiness/";

    private final S3Client s3;
    private final String bucket;

    StorageHealthIndicator(@Named(AwsClientsFactory.HEALTH) S3Client s3, StorageSettings storage) {
        this.s3 = s3;
        this.bucket = storage.bucket();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        String access;
        try {
            s3.listObjectsV2(request -> request.bucket(bucket).prefix(PREFIX).maxKeys(1)
                    .overrideConfiguration(call -> call.apiCallTimeout(CALL_TIMEOUT)));
            access = "listed";
        } catch (S3Exception e) {
            if (!"AccessDenied".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalStateException("bucket " + bucket + ": " + e.awsErrorDetails().errorCode() + ": "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            access = "reachable; this process may not list " + PREFIX;
        } catch (RuntimeException e) {
            throw new IllegalStateException("bucket " + bucket + " is unreachable: " + e.getMessage(), e);
        }
        healthStatus = HealthStatus.UP;
        return Map.of("bucket", bucket, "access", access);
    }

    @Override
    protected String getName() {
        return "storage";
    }
}
