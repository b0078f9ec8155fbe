package io.signalbox.routes.webhook;

import java.util.List;

/** The webhook events waiting to be delivered, as the webhook routes see them. */
public interface WebhookOutbox {

    /**
     * Claims the events that are due now, as many as the concurrency limits allow: a bounded number in flight in
     * all, and per tenant, so that a slow receiver holds up nobody but its own tenant.
     *
     * @return the claimed events; each must be {@linkplain #released released} once its attempt is over
     */
    List<DueWebhook> claimDue();

    /**
     * Signs one attempt to deliver an event.
     *
     * @param due a claimed event
     * @return the request to send
     */
    OutgoingWebhook prepare(DueWebhook due);

    /**
     * Records an attempt the receiver answered: a 2xx delivers the event, anything else schedules a retry.
     *
     * @param sent the attempt
     * @param statusCode the receiver's status code
     */
    void answered(OutgoingWebhook sent, int statusCode);

    /**
     * Records an attempt that got no answer (refused target, connection failure, timeout) and schedules a retry.
     *
     * @param due the claimed event
     * @param sent the attempt, or {@code null} when it failed before it could be sent
     * @param error what went wrong
     */
    void failed(DueWebhook due, OutgoingWebhook sent, Exception error);

    /**
     * Frees the claimed event's place within the concurrency limits.
     *
     * @param due the claimed event
     */
    void released(DueWebhook due);
}
