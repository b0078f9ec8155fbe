package io.signalbox.app.webhook;

import io.signalbox.app.job.Job;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What became of a job's webhooks. */
@Singleton
final class DeliveryHistory {

    private final WebhookEventRepository events;

    DeliveryHistory(WebhookEventRepository events) {
        this.events = events;
    }

    /**
     * @param job the job
     * @return its events and every attempt to deliver them
     */
    DeliveriesView of(Job job) {
        List<WebhookEvent> jobEvents = events.findByJobId(job.id());
        Map<Long, WebhookEvent> byRow = jobEvents.stream().collect(Collectors.toMap(WebhookEvent::id, Function.identity()));
        List<DeliveriesView.Event> shown = jobEvents.stream()
                .map(event -> new DeliveriesView.Event(event.eventId().toString(), event.type(), event.occurredAt(),
                        event.status(), event.attempts(),
                        event.status() == EventStatus.PENDING ? event.nextAttemptAt() : null, event.finishedAt()))
                .toList();
        List<DeliveriesView.Delivery> attempts = events.attemptsOfJob(job.id()).stream()
                .map(attempt -> {
                    WebhookEvent event = byRow.get(attempt.eventId());
                    return new DeliveriesView.Delivery(event.eventId().toString(), event.type(), attempt.attempt(),
                            attempt.startedAt(), attempt.url(), attempt.statusCode(), attempt.latencyMillis(),
                            attempt.error());
                })
                .toList();
        return new DeliveriesView(job.id().toString(), shown, attempts);
    }
}
