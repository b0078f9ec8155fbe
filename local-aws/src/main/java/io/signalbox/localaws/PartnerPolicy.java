package io.signalbox.localaws;

import java.util.List;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a partner may do, as its IAM policy says in AWS: write, list and read {@code inbox/<name>/...}; read, list
 * and delete {@code outbox/<name>/...}; in one bucket; nothing else. Refusals carry IAM's wording.
 *
 * <p>One thing IAM does not need: S3 keys are opaque, but the filesystem store resolves {@code .} and {@code ..}
 * segments, so {@code inbox/acme/../other/x} would land in another partner's folder. Such keys are refused.
 */
final class PartnerPolicy {

    private final String bucket;
    private final S3Identity identity;
    private final String inbox;
    private final String outbox;

    PartnerPolicy(String bucket, LocalAws.PartnerCredentials partner, S3Identity identity) {
        this.bucket = bucket;
        this.identity = identity;
        this.inbox = partner.inboxPrefix();
        this.outbox = partner.outboxPrefix();
    }

    void checkWrite(String action, String bucketName, String key) {
        checkObject(action, bucketName, key, List.of(inbox));
    }

    void checkRead(String action, String bucketName, String key) {
        checkObject(action, bucketName, key, List.of(inbox, outbox));
    }

    void checkDelete(String action, String bucketName, String key) {
        checkObject(action, bucketName, key, List.of(outbox));
    }

    void checkList(String bucketName, String prefix) {
        boolean allowed = bucket.equals(bucketName) && prefix != null && !hasDotSegment(prefix)
                && (prefix.startsWith(inbox) || prefix.startsWith(outbox));
        if (!allowed) {
            throw denied("s3:ListBucket", "arn:aws:s3:::" + bucketName, "a listing needs a prefix under " + inbox
                    + " or " + outbox + ", the request's prefix was " + (prefix == null ? "none" : prefix));
        }
    }

    S3Exception denyBucket(String action, String bucketName) {
        return denied(action, "arn:aws:s3:::" + (bucketName == null ? "*" : bucketName),
                "partners have no bucket-level permissions");
    }

    S3Exception denyObject(String action, String bucketName, String key) {
        return denied(action, "arn:aws:s3:::" + bucketName + "/" + key, "partners may not use " + action);
    }

    private void checkObject(String action, String bucketName, String key, List<String> prefixes) {
        String resource = "arn:aws:s3:::" + bucketName + "/" + key;
        if (!bucket.equals(bucketName)) {
            throw denied(action, resource, "the bucket is " + bucket);
        }
        if (hasDotSegment(key)) {
            throw denied(action, resource, "keys with '.' or '..' path segments are not accepted here");
        }
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return;
            }
        }
        throw denied(action, resource, action + " is allowed only under " + String.join(" and ", prefixes));
    }

    private S3Exception denied(String action, String resource, String why) {
        return S3Errors.accessDenied("User: " + identity.arn() + " is not authorized to perform: " + action
                + " on resource: \"" + resource + "\" because no identity-based policy allows the " + action
                + " action (" + why + ")");
    }

    private static boolean hasDotSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
