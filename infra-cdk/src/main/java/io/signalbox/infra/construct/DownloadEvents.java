package io.signalbox.infra.construct;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Turns a download into a message: a CloudTrail trail records only {@code GetObject} data events under the prefixes
 * (a partner's pickup from {@code outbox/}, a client's download of a result through a presigned URL from
 * {@code results/}), and an EventBridge rule delivers those events, in EventBridge's JSON, to the queue.
 */
public final class DownloadEvents extends Construct {

    /**
     * @param bucket   the bucket whose reads are watched
     * @param prefixes key prefixes of the watched objects, e.g. {@code outbox/}
     * @param target   queue the events are delivered to
     * @param trailLogs bucket CloudTrail writes its log files to
     */
    public record Props(IBucket bucket, List<String> prefixes, IQueue target, IBucket trailLogs) {
        public Props {
            if (prefixes == null || prefixes.isEmpty()) {
                throw new IllegalArgumentException("prefixes must name at least one key prefix");
            }
            for (String prefix : prefixes) {
                if (prefix == null || prefix.isEmpty() || !prefix.endsWith("/") || prefix.contains("*")) {
                    throw new IllegalArgumentException("prefix '" + prefix + "' is invalid; expected a key prefix"
                            + " ending in '/', without wildcards");
                }
            }
            prefixes = List.copyOf(prefixes);
            if (bucket == null || target == null || trailLogs == null) {
                throw new IllegalArgumentException("bucket, target and trailLogs are required");
            }
        }
    }

    private final Trail trail;
    private final Rule rule;

    public DownloadEvents(Construct scope, String id, Props props) {
        super(scope, id);
        trail = Trail.Builder.create(this, "Trail")
                .bucket(props.trailLogs())
                .s3KeyPrefix("cloudtrail")
                .enableFileValidation(true)
                .includeGlobalServiceEvents(false)
                .isMultiRegionTrail(false)
                .build();
        // Advanced selectors log GetObject alone (not every read-only call), which is what CloudTrail charges for.
        CfnTrail cfnTrail = (CfnTrail) trail.getNode().getDefaultChild();
        cfnTrail.setAdvancedEventSelectors(List.of(CfnTrail.AdvancedEventSelectorProperty.builder()
                .name("GetObject under " + String.join(" and ", props.prefixes()))
                .fieldSelectors(List.of(
                        field("eventCategory").equalTo(List.of("Data")).build(),
                        field("resources.type").equalTo(List.of("AWS::S3::Object")).build(),
                        field("eventName").equalTo(List.of("GetObject")).build(),
                        field("resources.ARN").startsWith(props.prefixes().stream()
                                .map(prefix -> props.bucket().arnForObjects(prefix)).toList()).build()))
                .build()));
        // The L2 trail always writes an empty EventSelectors list; CloudTrail takes one kind of selector or the other.
        cfnTrail.addPropertyDeletionOverride("EventSelectors");

        rule = Rule.Builder.create(this, "Rule")
                .description("CloudTrail GetObject data events under " + String.join(" and ", props.prefixes())
                        + " to the downloads queue")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("AWS API Call via CloudTrail"))
                        .detail(Map.of(
                                "eventSource", List.of("s3.amazonaws.com"),
                                "eventName", List.of("GetObject"),
                                "requestParameters", Map.of(
                                        "bucketName", List.of(props.bucket().getBucketName()),
                                        "key", props.prefixes().stream().flatMap(prefix -> Match.prefix(prefix).stream())
                                                .toList())))
                        .build())
                .targets(List.of(new SqsQueue(props.target())))
                .build();
    }

    public Trail trail() {
        return trail;
    }

    public Rule rule() {
        return rule;
    }

    private static CfnTrail.AdvancedFieldSelectorProperty.Builder field(String name) {
        return CfnTrail.AdvancedFieldSelectorProperty.builder().field(name);
    }
}
