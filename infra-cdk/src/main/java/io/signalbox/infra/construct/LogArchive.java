package io.signalbox.infra.construct;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * One private bucket for what AWS services write about the stack: S3 server access logs, the CloudTrail
 * data events, load balancer access logs and VPC flow logs. Everything in it expires.
 */
public final class LogArchive extends Construct {

    /** @param expireAfterDays days after which a log object is deleted */
    public record Props(int expireAfterDays) {
        public Props {
            if (expireAfterDays < 1) {
                throw new IllegalArgumentException("expireAfterDays " + expireAfterDays + " is invalid; expected >= 1");
            }
        }
    }

    private final Bucket bucket;

    public LogArchive(Construct scope, String id, Props props) {
        super(scope, id);
        // SSE-S3 because S3 server access logs and load balancer logs cannot be delivered to SSE-KMS buckets.
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(false)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-logs")
                        .expiration(Duration.days(props.expireAfterDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Validations.of(bucket).acknowledge(Acknowledgment.builder()
                .id("AwsSolutions-S1")
                .reason("This bucket is the access log destination; logging it into itself would loop.")
                .build());
    }

    public IBucket bucket() {
        return bucket;
    }
}
