package io.signalbox.app.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** Readiness: the bucket every route group stores in can be reached with this process's credentials. */
@Singleton
@Readiness
final class StorageHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;

    StorageHealthIndicator(S3Client s3, StorageSettings storage) {
        this.s3 = s3;
        this.bucket = storage.bucket();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            s3.headBucket(request -> request.bucket(bucket)
                    .overrideConfiguration(call -> call.apiCallTimeout(CALL_TIMEOUT)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("bucket " + bucket + " is unreachable: " + e.getMessage(), e);
        }
        healthStatus = HealthStatus.UP;
        return Map.of("bucket", bucket);
    }

    @Override
    protected String getName() {
        return "storage";
    }
}
