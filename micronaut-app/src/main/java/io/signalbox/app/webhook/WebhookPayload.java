package io.signalbox.app.webhook;

import io.micronaut.serde.annotation.Serdeable;
import io.signalbox.app.job.JobView;
import java.time.Instant;

/**
 * The body of a webhook.
 *
 * @param id the event's id: the same in every attempt, so that a receiver can recognise a repeated delivery
 * @param type {@code job.succeeded}, {@code job.failed}, {@code job.downloaded}, {@code job.expired} or
 *     {@code job.deleted}
 * @param time when the transition happened
 * @param job the job as the transition left it, as {@code GET /v1/jobs/{id}} shows it
 */
@Serdeable
record WebhookPayload(String id, String type, Instant time, JobView job) {
}
