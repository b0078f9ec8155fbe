package io.signalbox.routes.webhook;

/**
 * An event claimed for one delivery attempt. Every claimed event is released exactly once, whatever the attempt's
 * outcome.
 *
 * @param eventId the event's row
 * @param tenantId the owner of the job the event is about; concurrency is bounded per tenant
 */
public record DueWebhook(long eventId, String tenantId) {
}
