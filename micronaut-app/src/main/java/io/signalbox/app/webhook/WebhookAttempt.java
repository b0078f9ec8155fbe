package io.signalbox.app.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver a webhook event.
 *
 * @param id the row's id
 * @param eventId the event's row
 * @param jobId the job the event is about
 * @param attempt which attempt of the event, from 1
 * @param startedAt when it started
 * @param url where it went, or {@code null} when it could not be sent at all
 * @param statusCode the receiver's status code, or {@code null} when it did not answer
 * @param latencyMillis how long it took
 * @param error what went wrong, in words for the job's owner, or {@code null} when the event was delivered
 */
@MappedEntity("webhook_deliveries")
public record WebhookAttempt(@Id @GeneratedValue Long id, long eventId, UUID jobId, int attempt, Instant startedAt,
        @Nullable String url, @Nullable Integer statusCode, long latencyMillis, @Nullable String error) {
}
