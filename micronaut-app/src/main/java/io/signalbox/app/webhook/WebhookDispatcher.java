package io.signalbox.app.webhook;

import io.micronaut.json.JsonMapper;
import io.signalbox.app.job.DeliveryFacts;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobView;
import io.signalbox.routes.webhook.DueWebhook;
import io.signalbox.routes.webhook.OutgoingWebhook;
import io.signalbox.routes.webhook.WebhookOutbox;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook events as the webhook routes see them: claims due events within the concurrency limits, signs each
 * attempt, and records what came of it.
 */
@Singleton
final class WebhookDispatcher implements WebhookOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookEventRepository events;
    private final JobRepository jobs;
    private final WebhookPolling polling;
    private final EventSnapshots snapshots;
    private final WebhookSettings settings;
    private final JsonMapper json;
    private final RetrySchedule retries;
    private final Clock clock;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int inFlightTotal;

    WebhookDispatcher(WebhookEventRepository events, JobRepository jobs, WebhookPolling polling,
            EventSnapshots snapshots, WebhookSettings settings, JsonMapper json) {
        this.events = events;
        this.jobs = jobs;
        this.polling = polling;
        this.snapshots = snapshots;
        this.settings = settings;
        this.json = json;
        this.retries = new RetrySchedule(settings.firstRetryDelay(), settings.maxRetryDelay());
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<DueWebhook> claimDue() {
        int free;
        String busy;
        synchronized (this) {
            free = settings.maxConcurrency() - inFlightTotal;
            busy = inFlight.entrySet().stream().filter(entry -> entry.getValue() >= settings.perTenantConcurrency())
                    .map(Map.Entry::getKey).collect(Collectors.joining(","));
        }
        if (free <= 0 || !polling.shouldLook()) {
            return List.of();
        }
        events.forgetUntargeted(String.join(",", settings.urls().keySet()));
        List<DueWebhook> due = new ArrayList<>();
        for (WebhookEvent event : events.claimDue(leaseSeconds(), busy, settings.perTenantConcurrency(), free)) {
            if (take(event.tenantId())) {
                due.add(new DueWebhook(event.id(), event.tenantId()));
            } else {
                events.unclaim(event.id());
            }
        }
        if (polling.mayPause()) {
            polling.looked(jobs.anyRunning(), events.earliestPending());
        }
        return due;
    }

    @Override
    public OutgoingWebhook prepare(DueWebhook due) {
        WebhookEvent event = event(due);
        String url = event.callbackUrl() != null ? event.callbackUrl() : settings.urls().get(event.tenantId());
        if (url == null) {
            throw new WebhookTargetException("the job has no callback URL and tenant " + event.tenantId()
                    + " no longer has one");
        }
        String secret = settings.secrets().get(event.tenantId());
        if (secret == null) {
            throw new WebhookTargetException("tenant " + event.tenantId() + " no longer has a webhook secret to sign"
                    + " with");
        }
        Job job = snapshots.jobOf(event.id()).orElseThrow(() -> new IllegalStateException(
                "webhook event " + event.eventId() + " has no job snapshot"));
        byte[] body;
        try {
            body = json.writeValueAsBytes(new WebhookPayload(event.eventId().toString(), event.type(),
                    event.occurredAt(), JobView.of(job, new DeliveryFacts(
                    snapshots.objectKeyOf(event.id()).orElse(null), snapshots.pickedUpAtOf(event.id()).orElse(null)))));
        } catch (IOException e) {
            throw new UncheckedIOException("webhook event " + event.eventId() + " could not be written as JSON", e);
        }
        String signature = WebhookSignature.header(secret, clock.instant().getEpochSecond(), body);
        return new OutgoingWebhook(due, url, event.eventId().toString(), event.type(), signature, body,
                System.nanoTime());
    }

    @Override
    public void answered(OutgoingWebhook sent, int statusCode) {
        boolean delivered = statusCode >= 200 && statusCode < 300;
        record(sent.due(), sent, statusCode, delivered ? null : "the receiver answered " + statusCode, delivered);
    }

    @Override
    public void failed(DueWebhook due, OutgoingWebhook sent, Exception error) {
        record(due, sent, null, describe(error, sent == null ? Duration.ZERO : since(sent)), false);
    }

    @Override
    public synchronized void released(DueWebhook due) {
        inFlight.computeIfPresent(due.tenantId(), (tenant, count) -> count <= 1 ? null : count - 1);
        inFlightTotal = Math.max(0, inFlightTotal - 1);
    }

    private synchronized boolean take(String tenantId) {
        int count = inFlight.getOrDefault(tenantId, 0);
        if (count >= settings.perTenantConcurrency() || inFlightTotal >= settings.maxConcurrency()) {
            return false;
        }
        inFlight.put(tenantId, count + 1);
        inFlightTotal++;
        return true;
    }

    private void record(DueWebhook due, OutgoingWebhook sent, Integer statusCode, String error, boolean delivered) {
        WebhookEvent event = event(due);
        int attempt = event.attempts() + 1;
        Duration latency = sent == null ? Duration.ZERO : since(sent);
        Duration retry = retries.delayAfter(attempt, ThreadLocalRandom.current()::nextDouble);
        String shown = error == null ? null : truncate(error);
        if (events.recordAttempt(event.id(), clock.instant().minus(latency), sent == null ? null : sent.url(),
                statusCode, latency.toMillis(), shown, delivered, settings.maxAttempts(), retry.toMillis() / 1000.0) == 0) {
            LOG.info("webhook {} of job {} was {} already; this attempt is not recorded", event.type(), event.jobId(),
                    event.status());
            return;
        }
        String host = sent == null ? "nowhere" : URI.create(sent.url()).getHost();
        if (delivered) {
            LOG.info("webhook {} of job {} delivered to {} (attempt {}, {} ms)", event.type(), event.jobId(), host,
                    attempt, latency.toMillis());
        } else if (attempt >= settings.maxAttempts()) {
            LOG.warn("webhook {} of job {} given up after {} attempts; the last: {}", event.type(), event.jobId(),
                    attempt, shown);
        } else {
            LOG.info("webhook {} of job {} to {} not delivered (attempt {} of {}): {}; next attempt in {} ms",
                    event.type(), event.jobId(), host, attempt, settings.maxAttempts(), shown, retry.toMillis());
        }
    }

    private WebhookEvent event(DueWebhook due) {
        return events.findById(due.eventId()).orElseThrow(() -> new IllegalStateException(
                "webhook event " + due.eventId() + " does not exist"));
    }

    /** Says what went wrong in words for the job's owner: never an exception's class name. */
    private String describe(Exception error, Duration latency) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof IOException) && !(cause instanceof WebhookTargetException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof WebhookTargetException) {
            return message;
        }
        if (cause instanceof RefusedTargetException) {
            return "refused: " + message;
        }
        if (cause instanceof UnknownHostException) {
            return "host " + message + " was not found";
        }
        if (cause instanceof ConnectTimeoutException) {
            return "could not connect within " + seconds(settings.connectTimeout());
        }
        if (cause instanceof IOException && latency.compareTo(settings.attemptTimeout()) >= 0) {
            return "no complete answer within " + seconds(settings.attemptTimeout()) + "; the attempt was cut off";
        }
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            return "no answer within " + seconds(settings.attemptTimeout());
        }
        if (cause instanceof ConnectException) {
            return "could not connect: " + message;
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + message;
        }
        if (cause instanceof IOException) {
            return "the connection failed: " + message;
        }
        return message.isEmpty() ? "could not deliver" : "could not deliver: " + message;
    }

    private double leaseSeconds() {
        // Longer than any attempt may take, so that an event whose attempt is still running is never claimed twice.
        return settings.attemptTimeout().multipliedBy(2).plusSeconds(10).toMillis() / 1000.0;
    }

    private static Duration since(OutgoingWebhook sent) {
        return Duration.ofNanos(System.nanoTime() - sent.startedNanos());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
