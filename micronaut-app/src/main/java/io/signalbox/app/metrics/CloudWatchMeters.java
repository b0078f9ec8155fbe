package io.signalbox.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which meters reach CloudWatch, and with which dimensions. CloudWatch bills every metric (name and dimensions) by
 * the month, and its always-free allowance is ten; so only what the dashboard and the alarms use is sent, each
 * without per-route, per-queue or per-task dimensions: jobs by outcome, the queue lag (a timer: its sum, count, and
 * while messages flow, its average and maximum), bytes of input, route failures, and the JVM's live heap. Prometheus
 * keeps every meter with every tag.
 */
final class CloudWatchMeters implements MeterFilter {

    /** Meter name, and the tags kept on it with the values that may be sent. */
    static final Map<String, Map<String, Set<String>>> PUBLISHED = Map.of(
            "signalbox.jobs", Map.of("outcome", Set.of("succeeded", "failed", "undeliverable")),
            "signalbox.queue.message.age", Map.of(),
            "signalbox.job.input", Map.of(),
            "camel.exchanges.failed", Map.of(),
            "jvm.gc.live.data.size", Map.of());

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        Map<String, Set<String>> kept = PUBLISHED.get(id.getName());
        if (kept == null) {
            return MeterFilterReply.DENY;
        }
        for (Map.Entry<String, Set<String>> tag : kept.entrySet()) {
            if (!tag.getValue().contains(id.getTag(tag.getKey()))) {
                return MeterFilterReply.DENY;
            }
        }
        return MeterFilterReply.NEUTRAL;
    }

    /** Every tag but the kept ones goes, so that meters of different routes or queues add up to one metric. */
    @Override
    public Meter.Id map(Meter.Id id) {
        Map<String, Set<String>> kept = PUBLISHED.get(id.getName());
        if (kept == null) {
            return id;
        }
        List<Tag> tags = id.getTags().stream().filter(tag -> kept.containsKey(tag.getKey())).toList();
        return id.replaceTags(tags);
    }
}
