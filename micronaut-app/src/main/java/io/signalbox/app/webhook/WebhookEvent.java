package io.signalbox.app.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A webhook event: written by the job transition it is about (see the migration that creates
 * {@code webhook_events}), delivered by the webhook routes.
 *
 * @param id the row's id
 * @param eventId the event's public id, the same in every attempt
 * @param jobId the job
 * @param tenantId the job's owner
 * @param type {@code job.succeeded}, {@code job.failed}, {@code job.downloaded}, {@code job.expired} or
 *     {@code job.deleted}
 * @param occurredAt when the transition happened
 * @param callbackUrl the job's own callback URL, or {@code null} for the tenant's
 * @param status where delivery is
 * @param attempts attempts made
 * @param nextAttemptAt when the event is due next
 * @param finishedAt when it was delivered or given up
 */
@MappedEntity("webhook_events")
public record WebhookEvent(@Id @GeneratedValue Long id, UUID eventId, UUID jobId, String tenantId, String type,
        Instant occurredAt, @Nullable String callbackUrl, EventStatus status, int attempts, Instant nextAttemptAt,
        @Nullable Instant finishedAt) {
}
