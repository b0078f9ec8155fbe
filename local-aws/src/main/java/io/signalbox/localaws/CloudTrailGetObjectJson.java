package io.signalbox.localaws;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the event EventBridge delivers for a CloudTrail {@code GetObject} data event ({@code detail-type}
 * "AWS API Call via CloudTrail", {@code source} aws.s3). The key in {@code detail.requestParameters} is the raw key,
 * as CloudTrail records it. A ranged read looks like a whole one except for {@code bytesTransferredOut}, the bytes
 * of the range that were sent: CloudTrail's published GetObject events name no {@code Range} in
 * {@code requestParameters}. Asked to, this writes the request's {@code Range} there all the same, to stand for a
 * trail that does. {@code additionalEventData.AuthenticationMethod} says how the request was signed: in its
 * {@code Authorization} header ({@code AuthHeader}), or in the query string of a presigned URL ({@code QueryString}),
 * whose reads carry the identity of whoever signed the URL, not of whoever used it. {@code sourceIPAddress},
 * {@code userAgent} and {@code Host} are left out.
 */
final class CloudTrailGetObjectJson {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final String region;
    private final boolean recordRange;

    CloudTrailGetObjectJson(ObjectMapper mapper, String region, boolean recordRange) {
        this.mapper = mapper;
        this.region = region;
        this.recordRange = recordRange;
    }

    String read(ObjectActivity.Read event) {
        String time = TIME.format(event.time());
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "0");
        root.put("id", UUID.randomUUID().toString());
        root.put("detail-type", "AWS API Call via CloudTrail");
        root.put("source", "aws.s3");
        root.put("account", S3Identity.ACCOUNT_ID);
        root.put("time", time);
        root.put("region", region);
        root.putArray("resources");

        ObjectNode detail = root.putObject("detail");
        detail.put("eventVersion", "1.09");
        detail.set("userIdentity", userIdentity(event.identity()));
        detail.put("eventTime", time);
        detail.put("eventSource", "s3.amazonaws.com");
        detail.put("eventName", "GetObject");
        detail.put("awsRegion", region);
        ObjectNode requestParameters = detail.putObject("requestParameters");
        requestParameters.put("bucketName", event.bucket());
        requestParameters.put("key", event.key());
        if (recordRange && event.range() != null) {
            requestParameters.put("Range", event.range());
        }
        detail.putNull("responseElements");
        ObjectNode additional = detail.putObject("additionalEventData");
        additional.put("bytesTransferredIn", 0.0);
        additional.put("bytesTransferredOut", (double) event.bytesTransferredOut());
        if (event.authentication().cloudTrailName() != null) {
            additional.put("SignatureVersion", "SigV4");
            additional.put("AuthenticationMethod", event.authentication().cloudTrailName());
        }
        detail.put("requestID", requestId());
        detail.put("eventID", UUID.randomUUID().toString());
        detail.put("readOnly", true);
        var resources = detail.putArray("resources");
        ObjectNode object = resources.addObject();
        object.put("type", "AWS::S3::Object");
        object.put("ARN", "arn:aws:s3:::" + event.bucket() + "/" + event.key());
        ObjectNode bucket = resources.addObject();
        bucket.put("accountId", S3Identity.ACCOUNT_ID);
        bucket.put("type", "AWS::S3::Bucket");
        bucket.put("ARN", "arn:aws:s3:::" + event.bucket());
        detail.put("eventType", "AwsApiCall");
        detail.put("managementEvent", false);
        detail.put("recipientAccountId", S3Identity.ACCOUNT_ID);
        detail.put("eventCategory", "Data");
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    private ObjectNode userIdentity(S3Identity identity) {
        ObjectNode node = mapper.createObjectNode();
        if (identity.isAnonymous()) {
            node.put("type", "AWSAccount");
            node.put("principalId", "");
            node.put("accountId", "anonymous");
            return node;
        }
        node.put("type", "IAMUser");
        node.put("principalId", identity.principalId());
        node.put("arn", identity.arn());
        node.put("accountId", S3Identity.ACCOUNT_ID);
        node.put("accessKeyId", identity.accessKey());
        node.put("userName", identity.userName());
        return node;
    }

    private static String requestId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
    }
}
