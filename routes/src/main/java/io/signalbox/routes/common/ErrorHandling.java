package io.signalbox.routes.common;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error policy of every route that consumes a queue.
 *
 * <p>Retrying is SQS's job, not Camel's: a failed exchange is left unhandled, so the SQS consumer does not delete
 * the message; SQS delivers it again after the visibility timeout and, after the queue's maxReceiveCount, moves it
 * to the dead-letter queue. That is why nothing here uses a dead-letter channel, {@code handled(true)} or in-place
 * redelivery: the first two would make Camel delete the message, and the last would re-run a step whose input
 * stream was already consumed. Bad input never reaches this policy: the routes catch it and fail the job, which
 * deletes the message.
 */
public final class ErrorHandling extends RouteConfigurationBuilder {

    /** The id routes opt in with {@code routeConfigurationId}. */
    public static final String ID = "signalbox-errors";

    /**
     * Exchange property naming the job a message is about, so a failure can be recorded against it and every log
     * line of the exchange names the job.
     */
    public static final String JOB_ID = "signalboxJobId";

    private final TransientFailureListener listener;

    /**
     * @param listener told about every failure this policy sees
     */
    public ErrorHandling(TransientFailureListener listener) {
        this.listener = listener;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .maximumRedeliveries(0)
                    .handled(false)
                    .log(LoggingLevel.WARN, "io.signalbox.routes",
                            "${routeId} failed for job ${exchangeProperty." + JOB_ID + "}, the message stays on its queue: ${exception}")
                    .bean(listener, "transientFailure(${exchangeProperty." + JOB_ID + "}, ${exception})")
                .end();
    }
}
