package io.signalbox.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the intrinsic functions of a synthesized template to the concrete values a deployment would have, with
 * a made-up account and names derived from logical ids: a bucket {@code X} is named {@code bucket-x}, a queue keeps
 * its {@code QueueName}. Fails on any function or attribute it does not know rather than guess.
 */
final class TemplateValues {

    static final String ACCOUNT = "111122223333";

    private final Map<String, Map<String, Object>> resources;
    private final String region;

    TemplateValues(Map<String, Map<String, Object>> resources, String region) {
        this.resources = resources;
        this.region = region;
    }

    Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(item -> resolved.add(resolve(item)));
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1 && map.containsKey("Ref")) {
            return ref(String.valueOf(map.get("Ref")));
        }
        if (map.size() == 1 && map.containsKey("Fn::GetAtt")) {
            List<?> parts = (List<?>) map.get("Fn::GetAtt");
            return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        if (map.size() == 1 && map.containsKey("Fn::Join")) {
            List<?> join = (List<?>) map.get("Fn::Join");
            StringBuilder text = new StringBuilder();
            List<?> parts = (List<?>) resolve(join.get(1));
            for (int i = 0; i < parts.size(); i++) {
                text.append(i == 0 ? "" : join.get(0)).append(parts.get(i));
            }
            return text.toString();
        }
        if (map.size() == 1 && String.valueOf(map.keySet().iterator().next()).startsWith("Fn::")) {
            throw new IllegalStateException("intrinsic function not resolved here: " + map);
        }
        Map<Object, Object> resolved = new LinkedHashMap<>();
        map.forEach((key, item) -> resolved.put(key, resolve(item)));
        return resolved;
    }

    /** The name a bucket of this logical id gets here. */
    static String bucketName(String logicalId) {
        return "bucket-" + IamPolicySimulator.lower(logicalId);
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Partition":
                return "aws";
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Region":
                return region;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        String type = type(name);
        return switch (type) {
            case "AWS::S3::Bucket" -> bucketName(name);
            case "AWS::ECS::Cluster" -> String.valueOf(resolve(properties(name).get("ClusterName")));
            case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + queueName(name);
            case "AWS::ECS::Service" -> "arn:aws:ecs:" + region + ":" + ACCOUNT + ":service/"
                    + ref(clusterOf(name)) + "/" + resolve(properties(name).get("ServiceName"));
            default -> throw new IllegalStateException("Ref of a " + type + " (" + name + ") is not resolved here");
        };
    }

    private Object attribute(String name, String attribute) {
        String type = type(name);
        String key = type + "." + attribute;
        return switch (key) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + bucketName(name);
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + queueName(name);
            case "AWS::SQS::Queue.QueueName" -> queueName(name);
            case "AWS::KMS::Key.Arn" -> "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + name;
            case "AWS::ECS::Cluster.Arn" -> "arn:aws:ecs:" + region + ":" + ACCOUNT + ":cluster/" + ref(name);
            case "AWS::ECS::Service.Name" -> String.valueOf(resolve(properties(name).get("ServiceName")));
            case "AWS::ECS::Service.ServiceArn" -> String.valueOf(ref(name));
            default -> throw new IllegalStateException("Fn::GetAtt " + key + " (" + name + ") is not resolved here");
        };
    }

    private String queueName(String logicalId) {
        Object name = properties(logicalId).get("QueueName");
        if (name == null) {
            throw new IllegalStateException("queue " + logicalId + " has no QueueName");
        }
        return String.valueOf(resolve(name));
    }

    private String clusterOf(String serviceLogicalId) {
        Object cluster = properties(serviceLogicalId).get("Cluster");
        if (cluster instanceof Map<?, ?> ref && ref.containsKey("Ref")) {
            return String.valueOf(ref.get("Ref"));
        }
        throw new IllegalStateException("service " + serviceLogicalId + " names its cluster as " + cluster);
    }

    private String type(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalStateException("no resource " + logicalId + " in the template");
        }
        return String.valueOf(resource.get("Type"));
    }

    private Map<?, ?> properties(String logicalId) {
        type(logicalId);
        return (Map<?, ?>) resources.get(logicalId).get("Properties");
    }
}
