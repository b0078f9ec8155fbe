package io.signalbox.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class QueueLagNotifierTest {

    private static final long NOW = 1_795_300_000_000L;

    @Test
    void ageIsTheTimeSinceSqsGotTheMessage() {
        Map<MessageSystemAttributeName, String> attributes =
                Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(NOW - 42_500));

        assertThat(QueueLagNotifier.age(attributes, NOW)).isEqualTo(Duration.ofMillis(42_500));
    }

    @Test
    void aClockAheadOfSqsGivesAnAgeOfZeroNotANegativeOne() {
        assertThat(QueueLagNotifier.age(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(NOW + 900)), NOW))
                .isZero();
    }

    @Test
    void noAgeWithoutAReadableSentTimestamp() {
        assertThat(QueueLagNotifier.age(null, NOW)).isNull();
        assertThat(QueueLagNotifier.age(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"), NOW)).isNull();
        assertThat(QueueLagNotifier.age(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "yesterday"), NOW)).isNull();
    }
}
