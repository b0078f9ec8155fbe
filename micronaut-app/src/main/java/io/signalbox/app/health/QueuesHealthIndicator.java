package io.signalbox.app.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Readiness: every SQS queue the started route groups consume from or send to can be reached. The queues are read
 * off the Camel context's endpoints, so they are exactly the ones this process's routes use.
 */
@Singleton
@Readiness
final class QueuesHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final CamelContext camel;
    private final SqsClient sqs;

    QueuesHealthIndicator(CamelContext camel, SqsClient sqs) {
        this.camel = camel;
        this.sqs = sqs;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> queues = new TreeMap<>();
        boolean reachable = true;
        for (String queue : queuesInUse()) {
            try {
                sqs.getQueueUrl(request -> request.queueName(queue)
                        .overrideConfiguration(call -> call.apiCallTimeout(StorageHealthIndicator.CALL_TIMEOUT)));
                queues.put(queue, "UP");
            } catch (RuntimeException e) {
                reachable = false;
                queues.put(queue, "DOWN: " + e.getMessage());
            }
        }
        healthStatus = reachable ? HealthStatus.UP : HealthStatus.DOWN;
        return queues;
    }

    private Set<String> queuesInUse() {
        Set<String> names = new TreeSet<>();
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof Sqs2Endpoint sqsEndpoint) {
                names.add(sqsEndpoint.getConfiguration().getQueueName());
            }
        }
        return names;
    }

    @Override
    protected String getName() {
        return "queues";
    }
}
