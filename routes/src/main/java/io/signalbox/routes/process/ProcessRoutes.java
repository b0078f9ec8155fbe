package io.signalbox.routes.process;

import io.signalbox.processors.BadInputException;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.routes.common.Queues;
import io.signalbox.topology.RouteGroup;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.Sqs2EndpointBuilderFactory.Sqs2EndpointConsumerBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;

/**
 * Group {@code process}: a job id on the jobs queue becomes a run of the engine over the job's object in S3, with the
 * result streamed back to S3. A job whose messages keep failing ends in the dead-letter queue and is failed there.
 */
public final class ProcessRoutes extends EndpointRouteBuilder implements GroupRoutes {

    private static final String JOB = "signalboxJob";

    private final JobExecution execution;
    private final JobProcessor processor;

    /**
     * @param execution the job store
     * @param processor runs the engine
     */
    public ProcessRoutes(JobExecution execution, JobProcessor processor) {
        this.execution = execution;
        this.processor = processor;
    }

    @Override
    public RouteGroup group() {
        return RouteGroup.PROCESS;
    }

    @Override
    public void configure() {
        from(jobsQueue()).routeId("process-run").routeConfigurationId(ErrorHandling.ID)
                .setProperty(ErrorHandling.JOB_ID, body())
                .bean(execution, "claim(${body}, ${header." + Sqs2Constants.MESSAGE_ID + "})")
                .filter(body().isNotNull())
                    .setProperty(JOB, body())
                    .setHeader(AWS2S3Constants.KEY, simple("${body.inputKey}"))
                    .to(aws2S3("{{signalbox.storage.bucket}}").operation(AWS2S3Operations.getObject))
                    .doTry()
                        .bean(processor, "process(${exchangeProperty." + JOB + "}, ${body})")
                        .bean(execution, "succeed(${exchangeProperty." + JOB + "}, ${body})")
                    .doCatch(BadInputException.class)
                        .bean(execution, "fail(${exchangeProperty." + JOB + "}, ${exception})")
                    .doCatch(JobAbandonedException.class)
                        .log("job ${exchangeProperty." + ErrorHandling.JOB_ID + "} stopped: ${exception.message}")
                    .end()
                .end();

        from(Queues.queue("signalbox.queues.jobs-dlq").waitTimeSeconds("{{signalbox.queues.wait-time-seconds}}"))
                .routeId("process-dead-letter").routeConfigurationId(ErrorHandling.ID)
                .setProperty(ErrorHandling.JOB_ID, body())
                .bean(execution, "failUndeliverable(${body})");
    }

    private Sqs2EndpointConsumerBuilder jobsQueue() {
        return Queues.queue("signalbox.queues.jobs")
                .waitTimeSeconds("{{signalbox.queues.wait-time-seconds}}")
                .visibilityTimeout("{{signalbox.process.visibility-timeout-seconds}}")
                .extendMessageVisibility(true)
                .maxMessagesPerPoll(1)
                .concurrentConsumers("{{signalbox.process.concurrency}}");
    }
}
