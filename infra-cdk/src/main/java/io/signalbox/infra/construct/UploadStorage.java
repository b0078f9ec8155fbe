package io.signalbox.infra.construct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The one bucket that holds every file in flight, under four prefixes: {@code uploads/}, {@code results/},
 * {@code inbox/} and {@code outbox/}. Private, TLS only, encrypted, unversioned, and everything in it expires
 * after the retention plus a margin. Grants are always confined to a key prefix.
 */
public final class UploadStorage extends Construct {

    public static final List<String> AREAS = List.of("uploads/", "results/", "inbox/", "outbox/");

    /**
     * @param kmsEncryption   a customer managed KMS key instead of S3-managed keys
     * @param expireAfterDays days after which any object is deleted
     * @param corsOrigins     origins a browser may upload to and download from presigned URLs from; none for no CORS
     * @param accessLogs      destination of the server access logs
     */
    public record Props(boolean kmsEncryption, int expireAfterDays, List<String> corsOrigins, IBucket accessLogs) {
        public Props {
            if (expireAfterDays < 1) {
                throw new IllegalArgumentException("expireAfterDays " + expireAfterDays + " is invalid; expected >= 1");
            }
            if (corsOrigins == null) {
                throw new IllegalArgumentException("corsOrigins must not be null; use an empty list");
            }
            corsOrigins = List.copyOf(corsOrigins);
            if (accessLogs == null) {
                throw new IllegalArgumentException("accessLogs bucket is required");
            }
        }
    }

    private final Bucket bucket;
    private final Optional<Key> key;

    public UploadStorage(Construct scope, String id, Props props) {
        super(scope, id);
        key = props.kmsEncryption()
                ? Optional.of(Key.Builder.create(this, "Key")
                        .description("Signalbox files in flight")
                        .enableKeyRotation(true)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build())
                : Optional.empty();
        Bucket.Builder builder = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(false)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(props.accessLogs())
                .serverAccessLogsPrefix("s3-access/")
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-files-in-flight")
                        .expiration(Duration.days(props.expireAfterDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                // A browser uploads parts with presigned PUTs and reads each part's ETag to complete the upload.
                .cors(props.corsOrigins().isEmpty() ? null : List.of(CorsRule.builder()
                        .allowedOrigins(props.corsOrigins())
                        .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
                        .allowedHeaders(List.of("*"))
                        .exposedHeaders(List.of("ETag"))
                        .maxAge(3000)
                        .build()))
                // Kept on stack deletion rather than failing it; the lifecycle rule empties it within days.
                .removalPolicy(RemovalPolicy.RETAIN);
        key.ifPresentOrElse(
                k -> builder.encryption(BucketEncryption.KMS).encryptionKey(k).bucketKeyEnabled(true),
                () -> builder.encryption(BucketEncryption.S3_MANAGED));
        bucket = builder.build();
    }

    public IBucket bucket() {
        return bucket;
    }

    /**
     * Publishes S3's own event notifications to {@code queue}: object created under {@code uploads/} and
     * {@code inbox/}, object removed under {@code outbox/} (a partner deleting its result acknowledges pickup).
     */
    public void sendObjectEventsTo(IQueue queue) {
        SqsDestination destination = new SqsDestination(queue);
        bucket.addEventNotification(EventType.OBJECT_CREATED, destination, prefix("uploads/"));
        bucket.addEventNotification(EventType.OBJECT_CREATED, destination, prefix("inbox/"));
        bucket.addEventNotification(EventType.OBJECT_REMOVED, destination, prefix("outbox/"));
        Stack.of(this).getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("BucketNotificationsHandler"))
                .forEach(handler -> {
                    RuleAcknowledgments.acknowledge(handler, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:"
                            + "policy/service-role/AWSLambdaBasicExecutionRole]",
                            "CDK's bucket-notification handler only writes its own logs with this policy.");
                    RuleAcknowledgments.acknowledge(handler, "AwsSolutions-IAM5[Resource::*]",
                            "s3:PutBucketNotification is granted by CDK's notification handler; the handler runs"
                                    + " only during deployment.");
                });
    }

    /** GetObject under the prefixes (HeadObject needs it too). */
    public void grantRead(IRole role, String... prefixes) {
        grantObjects(role, List.of("s3:GetObject"), prefixes);
        key.ifPresent(k -> k.grant(role, "kms:Decrypt"));
    }

    /** PutObject under the prefixes, which also covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload. */
    public void grantWrite(IRole role, String... prefixes) {
        grantObjects(role, List.of("s3:PutObject"), prefixes);
        key.ifPresent(k -> k.grant(role, "kms:GenerateDataKey", "kms:Decrypt"));
    }

    /** Aborting and listing the parts of multipart uploads under the prefixes. */
    public void grantMultipart(IRole role, String... prefixes) {
        grantObjects(role, List.of("s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), prefixes);
    }

    /**
     * ListBucketMultipartUploads on the bucket, for a role that deletes prefixes or sweeps abandoned uploads: it finds
     * the unfinished uploads under a prefix so that none is left behind. The action takes no prefix condition; it
     * reveals keys and upload ids only.
     */
    public void grantListMultipartUploads(IRole role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:ListBucketMultipartUploads"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
    }

    public void grantDelete(IRole role, String... prefixes) {
        grantObjects(role, List.of("s3:DeleteObject"), prefixes);
    }

    /** ListBucket, limited by condition to keys under the prefixes. */
    public void grantList(IRole role, String... prefixes) {
        List<String> allowed = new ArrayList<>();
        for (String prefix : checked(prefixes)) {
            allowed.add(prefix);
            allowed.add(prefix + "*");
        }
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", allowed)))
                .build());
    }

    /**
     * ListBucket on the whole bucket, for a role that asks whether objects exist (HeadObject, CopyObject): without
     * it S3 answers 403 instead of 404 for a missing key, and a missing sidecar would look like a permission error.
     * A prefix condition does not help, as those requests carry no {@code s3:prefix}. It reveals key names only.
     */
    public void grantExistenceChecks(IRole role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
    }

    private void grantObjects(IRole role, List<String> actions, String... prefixes) {
        List<String> checked = checked(prefixes);
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(checked.stream().map(prefix -> bucket.arnForObjects(prefix + "*")).toList())
                .build());
        CfnElement cfnBucket = (CfnElement) bucket.getNode().getDefaultChild();
        for (String prefix : checked) {
            RuleAcknowledgments.wildcardUnder((IConstruct) role, cfnBucket, "/" + prefix + "*",
                    "Object access confined to the key prefix " + prefix + "; keys below it are per job or per"
                            + " partner and not known in advance.");
        }
    }

    private static List<String> checked(String... prefixes) {
        if (prefixes.length == 0) {
            throw new IllegalArgumentException("a grant needs at least one key prefix");
        }
        for (String prefix : prefixes) {
            boolean known = AREAS.stream().anyMatch(prefix::startsWith);
            if (!known || !prefix.endsWith("/") || prefix.contains("*") || prefix.contains("..")) {
                throw new IllegalArgumentException("key prefix '" + prefix + "' is invalid; expected one of "
                        + AREAS + ", optionally followed by path segments, ending in '/'");
            }
        }
        return Arrays.asList(prefixes);
    }

    private static NotificationKeyFilter prefix(String prefix) {
        return NotificationKeyFilter.builder().prefix(prefix).build();
    }
}
