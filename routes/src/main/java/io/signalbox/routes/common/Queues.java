package io.signalbox.routes.common;

import org.apache.camel.builder.endpoint.StaticEndpointBuilders;
import org.apache.camel.builder.endpoint.dsl.Sqs2EndpointBuilderFactory.Sqs2EndpointBuilder;

/**
 * The SQS endpoints of every route. Camel addresses a queue by its URL, built from the queue's name, the account that
 * owns it and the region, and never creates a queue: without an account it would list every queue of the account
 * ({@code sqs:ListQueues}) to find the URL, a call no task role is granted.
 */
public final class Queues {

    /** The account owning the queues: AWS's in AWS, the embedded SQS-API server's locally. */
    public static final String ACCOUNT = "{{signalbox.queues.account-id}}";

    private Queues() {
    }

    /**
     * @param nameSetting the setting holding the queue's name, such as {@code signalbox.queues.events}
     * @return the endpoint of that queue, for consuming or sending
     */
    public static Sqs2EndpointBuilder queue(String nameSetting) {
        return StaticEndpointBuilders.aws2Sqs("{{" + nameSetting + "}}")
                .queueOwnerAWSAccountId(ACCOUNT)
                .region("{{signalbox.storage.region}}")
                .autoCreateQueue(false);
    }
}
