package io.signalbox.infra;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the expected "action -> resources" map of a role, in the form {@link IamRendering} reads. */
final class Grants {

    static final String[] CONSUME = {"sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl", "sqs:ReceiveMessage"};
    static final String[] SEND = {"sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"};

    private final Map<String, Set<String>> grants = new TreeMap<>();
    private final String bucketArn;

    Grants(String bucketLogicalId) {
        this.bucketArn = "<" + bucketLogicalId + ".Arn>";
    }

    Grants objects(String action, String... prefixes) {
        for (String prefix : prefixes) {
            add(action, bucketArn + "/" + prefix + "*");
        }
        return this;
    }

    Grants queue(String queueLogicalId, String... actions) {
        for (String action : actions) {
            add(action, "<" + queueLogicalId + ".Arn>");
        }
        return this;
    }

    Grants add(String action, String resource) {
        grants.computeIfAbsent(action, key -> new TreeSet<>()).add(resource);
        return this;
    }

    Map<String, Set<String>> toMap() {
        return grants;
    }
}
