package io.signalbox.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code infra-cdk/aws-calls.txt}, {@code caller service:Operation resource [from=source]
 * [denial-expected]}, and the IAM requests the call makes: S3 authorizes each operation as one or more actions (a
 * multipart upload's parts are {@code s3:PutObject}, a copy reads its source, a listing is {@code s3:ListBucket} on
 * the bucket with the listed {@code s3:prefix}), and an object call on a KMS-encrypted bucket uses the key too.
 */
record ContractCall(String caller, String call, String resource, String source, boolean denialExpected) {

    /** Stands for a job's id in the contract's keys. */
    private static final String SAMPLE_ID = "3f0c9a52-1d2e-4b7a-9c3d-0e1f2a3b4c5d";

    static ContractCall parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 3 || !parts[1].contains(":")) {
            throw new IllegalArgumentException("'" + line + "' is not a call; expected: caller service:Operation"
                    + " resource [from=source] [denial-expected]");
        }
        String source = null;
        boolean denialExpected = false;
        for (int i = 3; i < parts.length; i++) {
            if (parts[i].startsWith("from=")) {
                source = parts[i].substring("from=".length());
            } else if (parts[i].equals("denial-expected")) {
                denialExpected = true;
            } else {
                throw new IllegalArgumentException("'" + line + "': unknown part '" + parts[i] + "'");
            }
        }
        return new ContractCall(parts[0], parts[1], parts[2], source, denialExpected);
    }

    String line() {
        return caller + " " + call + " " + resource + (source == null ? "" : " from=" + source);
    }

    /**
     * @param bucket the bucket's name in the deployment
     * @param kmsKey ARN of the bucket's KMS key, or {@code null} for S3-managed keys
     * @param region the deployment's region
     * @param queuePrefix what the deployment puts before a queue's or a service's name, and names its cluster, such
     *     as {@code signalbox-free}
     * @return the requests IAM evaluates for the call
     */
    List<IamPolicySimulator.Request> requests(String bucket, String kmsKey, String region, String queuePrefix) {
        String service = call.substring(0, call.indexOf(':'));
        String operation = call.substring(call.indexOf(':') + 1);
        return switch (service) {
            case "s3" -> s3(operation, bucket, kmsKey);
            case "sqs" -> List.of(sqs(operation, region, queuePrefix));
            case "ecs" -> List.of(new IamPolicySimulator.Request("ecs:" + operation, "arn:aws:ecs:" + region + ":"
                    + TemplateValues.ACCOUNT + ":service/" + queuePrefix + "/" + queuePrefix + "-" + resource, Map.of()));
            default -> throw new IllegalArgumentException(line() + ": service " + service + " is not simulated");
        };
    }

    private List<IamPolicySimulator.Request> s3(String operation, String bucket, String kmsKey) {
        String bucketArn = "arn:aws:s3:::" + bucket;
        List<IamPolicySimulator.Request> requests = new ArrayList<>();
        switch (operation) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> {
                requests.add(object("s3:PutObject", bucketArn, resource));
                encrypting(requests, kmsKey);
            }
            case "CopyObject", "UploadPartCopy" -> {
                requests.add(object("s3:PutObject", bucketArn, resource));
                requests.add(object("s3:GetObject", bucketArn, required(source, "from=")));
                encrypting(requests, kmsKey);
                decrypting(requests, kmsKey);
            }
            case "GetObject", "HeadObject" -> {
                requests.add(object("s3:GetObject", bucketArn, resource));
                decrypting(requests, kmsKey);
            }
            case "DeleteObject" -> requests.add(object("s3:DeleteObject", bucketArn, resource));
            case "AbortMultipartUpload" -> requests.add(object("s3:AbortMultipartUpload", bucketArn, resource));
            case "ListParts" -> requests.add(object("s3:ListMultipartUploadParts", bucketArn, resource));
            case "ListObjects", "ListObjectsV2" -> requests.add(new IamPolicySimulator.Request("s3:ListBucket",
                    bucketArn, Map.of("s3:prefix", resource.startsWith("prefix=")
                            ? resource.substring("prefix=".length()) : "")));
            case "HeadBucket" -> requests.add(new IamPolicySimulator.Request("s3:ListBucket", bucketArn, Map.of()));
            // IAM takes no s3:prefix condition on this action: the policy allows the bucket or not.
            case "ListMultipartUploads" -> requests.add(new IamPolicySimulator.Request("s3:ListBucketMultipartUploads",
                    bucketArn, Map.of()));
            default -> throw new IllegalArgumentException(line() + ": S3 operation " + operation
                    + " is not simulated");
        }
        return requests;
    }

    private IamPolicySimulator.Request sqs(String operation, String region, String queuePrefix) {
        String action = "sqs:" + operation.replaceFirst("Batch$", "");
        String queue = resource.startsWith("prefix=") ? resource.substring("prefix=".length()) + "*" : resource;
        return new IamPolicySimulator.Request(action, "arn:aws:sqs:" + region + ":" + TemplateValues.ACCOUNT + ":"
                + queuePrefix + "-" + queue, Map.of());
    }

    private static IamPolicySimulator.Request object(String action, String bucketArn, String key) {
        if (key.startsWith("prefix=") || key.equals("*")) {
            throw new IllegalArgumentException(action + " needs an object key, not " + key);
        }
        return new IamPolicySimulator.Request(action, bucketArn + "/" + key.replace("{id}", SAMPLE_ID), Map.of());
    }

    private static void encrypting(List<IamPolicySimulator.Request> requests, String kmsKey) {
        if (kmsKey != null) {
            requests.add(new IamPolicySimulator.Request("kms:GenerateDataKey", kmsKey, Map.of()));
        }
    }

    private static void decrypting(List<IamPolicySimulator.Request> requests, String kmsKey) {
        if (kmsKey != null) {
            requests.add(new IamPolicySimulator.Request("kms:Decrypt", kmsKey, Map.of()));
        }
    }

    private String required(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(line() + ": a copy needs its source (" + what + ")");
        }
        return value;
    }
}
