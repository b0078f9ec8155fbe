package io.signalbox.routes.webhook;

/**
 * One signed delivery attempt of an event, ready to be sent.
 *
 * @param due the claimed event
 * @param url where to send it
 * @param eventId the event's public id, which receivers use to recognise a repeated delivery
 * @param eventType such as {@code job.succeeded}
 * @param signature the {@code Signalbox-Signature} header's value, made for this attempt
 * @param payload the exact bytes that were signed
 * @param startedNanos when the attempt started ({@link System#nanoTime()}), to measure its latency
 */
public record OutgoingWebhook(DueWebhook due, String url, String eventId, String eventType, String signature,
        byte[] payload, long startedNanos) {
}
