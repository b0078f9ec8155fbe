package io.signalbox.app.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A job's webhooks as its owner sees them: every event and every attempt to deliver it.
 *
 * @param jobId the job
 * @param events the job's events, oldest first
 * @param deliveries every attempt, oldest first
 */
@Serdeable
public record DeliveriesView(String jobId, List<Event> events, List<Delivery> deliveries) {

    /**
     * @param id the event's id, as its body and {@code Signalbox-Event-Id} carry it
     * @param type such as {@code job.succeeded}
     * @param occurredAt when the transition happened
     * @param status {@code PENDING}, {@code DELIVERED} or {@code FAILED} (given up)
     * @param attempts attempts made
     * @param nextAttemptAt when the next attempt is due, while pending
     * @param finishedAt when it was delivered or given up
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String id, String type, Instant occurredAt, EventStatus status, int attempts,
            @Nullable Instant nextAttemptAt, @Nullable Instant finishedAt) {
    }

    /**
     * @param eventId the event this attempt delivered
     * @param event the event's type
     * @param attempt which attempt of the event, from 1
     * @param at when it started
     * @param url where it went; absent when it could not be sent at all
     * @param statusCode the receiver's status code; absent when it did not answer
     * @param latencyMillis how long it took
     * @param error what went wrong; absent when the event was delivered
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String eventId, String event, int attempt, Instant at, @Nullable String url,
            @Nullable Integer statusCode, long latencyMillis, @Nullable String error) {
    }
}
