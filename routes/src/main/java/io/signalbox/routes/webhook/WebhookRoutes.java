package io.signalbox.routes.webhook;

import io.signalbox.routes.common.GroupRoutes;
import io.signalbox.topology.RouteGroup;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.RestEndpointBuilderFactory.RestEndpointProducerBuilder;

/**
 * Part of group {@code cleanup}: delivers webhook events. A timer claims the events that are due, as many as the
 * concurrency limits allow, and hands them to a pool of senders; each sender posts one signed event through
 * camel-rest's {@code rest:} producer, with camel-http under it, and records the outcome, which either delivers the
 * event or schedules its next attempt.
 */
public final class WebhookRoutes extends EndpointRouteBuilder implements GroupRoutes {

    /** The header carrying {@code t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">}. */
    public static final String SIGNATURE_HEADER = "Signalbox-Signature";
    /** The header carrying the event's type, such as {@code job.succeeded}. */
    public static final String EVENT_HEADER = "Signalbox-Event";
    /** The header carrying the event's id, the same in every attempt. */
    public static final String EVENT_ID_HEADER = "Signalbox-Event-Id";
    /** The user agent of every delivery. */
    public static final String USER_AGENT = "Signalbox-Webhooks/1";

    private static final String SEND = "webhooks-send";
    private static final String DUE = "signalboxWebhookDue";
    private static final String ATTEMPT = "signalboxWebhookAttempt";
    /**
     * Every delivery names its own target in {@code CamelHttpUri}, so one endpoint serves every receiver; the
     * endpoint's host is never called ({@code .invalid} does not resolve, RFC 2606).
     */
    private static final String NO_HOST = "http://webhook-target.invalid";

    private final WebhookOutbox outbox;

    /**
     * @param outbox the events waiting to be delivered
     */
    public WebhookRoutes(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public RouteGroup group() {
        return RouteGroup.CLEANUP;
    }

    @Override
    public void configure() {
        from(timer("webhooks-dispatch").period("{{signalbox.webhooks.poll-interval-millis}}").delay(1000))
                .routeId("webhooks-dispatch")
                .doTry()
                    .bean(outbox, "claimDue")
                    .split(body())
                        .to(seda(SEND))
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "io.signalbox.routes", "webhook events not claimed, trying again at the next"
                            + " poll: ${exception.message}")
                .end();

        from(seda(SEND).concurrentConsumers("{{signalbox.webhooks.max-concurrency}}"))
                .routeId(SEND)
                .setProperty(DUE, body())
                .doTry()
                    .bean(outbox, "prepare")
                    .setProperty(ATTEMPT, body())
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_URI, simple("${body.url}"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setHeader("User-Agent", constant(USER_AGENT))
                    .setHeader(SIGNATURE_HEADER, simple("${body.signature}"))
                    .setHeader(EVENT_HEADER, simple("${body.eventType}"))
                    .setHeader(EVENT_ID_HEADER, simple("${body.eventId}"))
                    .setBody(simple("${body.payload}", byte[].class))
                    .to(receiver())
                    .bean(outbox, "answered(${exchangeProperty." + ATTEMPT + "}, ${header." + Exchange.HTTP_RESPONSE_CODE + "})")
                .doCatch(Exception.class)
                    .bean(outbox, "failed(${exchangeProperty." + DUE + "}, ${exchangeProperty." + ATTEMPT + "}, ${exception})")
                .doFinally()
                    .bean(outbox, "released(${exchangeProperty." + DUE + "})")
                .end();
    }

    /**
     * The receiver, through camel-rest with camel-http under it. The options after {@code producerComponentName}
     * are camel-http's: every status code is an answer to record rather than an exception, and the receiver's body
     * is read and thrown away, never kept. Redirects are not followed: a receiver that answers one has not taken the
     * event.
     */
    private RestEndpointProducerBuilder receiver() {
        RestEndpointProducerBuilder endpoint = restEndpoint("post:webhook").host(NO_HOST).producerComponentName("http");
        endpoint.doSetProperty("throwExceptionOnFailure", false);
        endpoint.doSetProperty("ignoreResponseBody", true);
        endpoint.doSetProperty("skipResponseHeaders", true);
        endpoint.doSetProperty("followRedirects", false);
        return endpoint;
    }
}
