package io.signalbox.app.webhook;

/** Where a webhook event is: waiting for its next attempt, taken by its receiver, or given up after every attempt. */
public enum EventStatus {
    PENDING,
    DELIVERED,
    FAILED
}
