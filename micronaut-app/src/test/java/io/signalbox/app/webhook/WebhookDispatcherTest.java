package io.signalbox.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.signalbox.app.JobStoreContext;
import io.signalbox.app.MovableClock;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobActivity;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.tenant.ApiKeyStore;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import io.signalbox.routes.webhook.DueWebhook;
import io.signalbox.routes.webhook.OutgoingWebhook;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Claiming, signing and recording deliveries against the real job store; no HTTP (the end-to-end tests send). */
class WebhookDispatcherTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    private static final String ACME_SECRET = "whsec_acme_0123456789";
    private static final String GLOBEX_URL = "https://globex.example.com/hooks";

    private static ApplicationContext context;
    private static JobRepository jobs;
    private static WebhookEventRepository events;

    @BeforeAll
    static void start() {
        context = JobStoreContext.start(DATABASE, Map.of(
                "signalbox.webhooks.secrets.acme", ACME_SECRET,
                "signalbox.webhooks.secrets.globex", "whsec_globex_0123456789",
                "signalbox.webhooks.urls.globex", GLOBEX_URL,
                "signalbox.webhooks.per-tenant-concurrency", 1,
                "signalbox.webhooks.max-concurrency", 3,
                "signalbox.webhooks.max-attempts", 3));
        ApiKeyStore tenants = context.getBean(ApiKeyStore.class);
        for (String tenant : List.of("acme", "globex", "initech")) {
            tenants.ensureTenant(tenant);
        }
        jobs = context.getBean(JobRepository.class);
        events = context.getBean(WebhookEventRepository.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @AfterEach
    void settleEveryEvent() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.createStatement().execute("UPDATE webhook_events SET status = 'DELIVERED' WHERE status = 'PENDING'");
        }
    }

    private static WebhookDispatcher dispatcher() {
        return dispatcher(new WebhookPolling(new JobActivity(), false, Clock.systemUTC()));
    }

    private static WebhookDispatcher dispatcher(WebhookPolling polling) {
        return new WebhookDispatcher(events, jobs, polling, context.getBean(EventSnapshots.class),
                context.getBean(WebhookSettings.class), context.getBean(JsonMapper.class));
    }

    @Test
    void whereTheDatabaseMayPauseAnEventMadeWithoutActivityWaitsForTheNextActivity() {
        JobActivity activity = new JobActivity();
        WebhookDispatcher dispatcher = dispatcher(new WebhookPolling(activity, true, new MovableClock()));
        assertThat(dispatcher.claimDue()).as("the first look finds nothing pending").isEmpty();

        failedJob("acme", "https://acme.example.com/hooks");
        assertThat(dispatcher.claimDue()).as("no activity, nothing running, nothing was pending").isEmpty();

        activity.seen();
        assertThat(dispatcher.claimDue()).extracting(DueWebhook::tenantId).containsExactly("acme");
    }

    @Test
    void claimsNoMoreOfATenantThanItsShareSoThatItsBacklogHoldsUpNobodyElse() {
        for (int i = 0; i < 5; i++) {
            failedJob("acme", "https://acme.example.com/hooks");
        }
        failedJob("globex", null);
        WebhookDispatcher dispatcher = dispatcher();

        List<DueWebhook> first = dispatcher.claimDue();
        assertThat(first).extracting(DueWebhook::tenantId).containsExactlyInAnyOrder("acme", "globex");
        assertThat(dispatcher.claimDue()).isEmpty();

        dispatcher.released(first.stream().filter(due -> due.tenantId().equals("acme")).findFirst().orElseThrow());
        List<DueWebhook> next = dispatcher.claimDue();
        assertThat(next).extracting(DueWebhook::tenantId).containsExactly("acme");
        assertThat(next.get(0).eventId()).isNotIn(first.stream().map(DueWebhook::eventId).toList());
    }

    @Test
    void forgetsTheEventsOfJobsThatHaveNowhereToSendThem() {
        Job untargeted = failedJob("initech", null);
        Job ownUrl = failedJob("initech", "https://initech.example.com/hooks");
        Job tenantUrl = failedJob("globex", null);

        dispatcher().claimDue();

        assertThat(events.findByJobId(untargeted.id())).isEmpty();
        assertThat(events.findByJobId(ownUrl.id())).hasSize(1);
        assertThat(events.findByJobId(tenantUrl.id())).hasSize(1);
    }

    @Test
    void anEventWhoseSenderDiedIsDueAgainOnceItsLeaseIsOver() throws SQLException {
        Job job = failedJob("acme", "https://acme.example.com/hooks");
        DueWebhook claimed = dispatcher().claimDue().get(0);

        WebhookDispatcher afterRestart = dispatcher();
        assertThat(afterRestart.claimDue()).isEmpty();

        try (Connection connection = DATABASE.connect(); PreparedStatement leaseOver = connection.prepareStatement(
                "UPDATE webhook_events SET next_attempt_at = now() - interval '1 second' WHERE id = ?")) {
            leaseOver.setLong(1, claimed.eventId());
            leaseOver.executeUpdate();
        }
        assertThat(afterRestart.claimDue()).containsExactly(claimed);
        assertThat(events.findByJobId(job.id()).get(0).attempts()).isZero();
    }

    @Test
    void signsTheJobAsTheTransitionLeftItWithTheTenantsSecret() throws Exception {
        Job job = failedJob("acme", "https://acme.example.com/hooks?token=t1");
        WebhookDispatcher dispatcher = dispatcher();
        DueWebhook due = dispatcher.claimDue().get(0);

        OutgoingWebhook attempt = dispatcher.prepare(due);

        WebhookEvent event = events.findById(due.eventId()).orElseThrow();
        assertThat(attempt.url()).isEqualTo("https://acme.example.com/hooks?token=t1");
        assertThat(attempt.eventType()).isEqualTo("job.failed");
        assertThat(attempt.eventId()).isEqualTo(event.eventId().toString());
        JsonNode body = new ObjectMapper().readTree(attempt.payload());
        assertThat(body.get("id").asText()).isEqualTo(event.eventId().toString());
        assertThat(body.get("type").asText()).isEqualTo("job.failed");
        assertThat(Instant.parse(body.get("time").asText())).isEqualTo(event.occurredAt());
        assertThat(body.get("job").get("id").asText()).isEqualTo(job.id().toString());
        assertThat(body.get("job").get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("job").get("failure").get("reason").asText()).isEqualTo("prices.csv line 3: bad");
        String[] parts = attempt.signature().split(",");
        String t = parts[0].substring(2);
        assertThat(Math.abs(Long.parseLong(t) - Instant.now().getEpochSecond())).isLessThan(60);
        assertThat(parts[1]).isEqualTo("v1=" + hmac(ACME_SECRET, t + "." + new String(attempt.payload(), StandardCharsets.UTF_8)));
    }

    @Test
    void recordsEveryAttemptAndGivesTheEventUpAfterTheLast() {
        Job job = failedJob("acme", "https://acme.example.com/hooks");
        WebhookDispatcher dispatcher = dispatcher();
        DueWebhook due = dispatcher.claimDue().get(0);

        dispatcher.answered(dispatcher.prepare(due), 500);
        dispatcher.failed(due, dispatcher.prepare(due), new ConnectException("Connect to http://acme.example.com:80 failed: Connection refused"));
        assertThat(events.findById(due.eventId()).orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        dispatcher.failed(due, null, new WebhookTargetException("tenant acme no longer has a webhook secret to sign with"));
        dispatcher.released(due);

        WebhookEvent event = events.findById(due.eventId()).orElseThrow();
        assertThat(event.status()).isEqualTo(EventStatus.FAILED);
        assertThat(event.attempts()).isEqualTo(3);
        assertThat(event.finishedAt()).isNotNull();
        List<WebhookAttempt> attempts = events.attemptsOfJob(job.id());
        assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(WebhookAttempt::statusCode).containsExactly(500, null, null);
        assertThat(attempts).extracting(WebhookAttempt::error).containsExactly(
                "the receiver answered 500",
                "could not connect: Connect to http://acme.example.com:80 failed: Connection refused",
                "tenant acme no longer has a webhook secret to sign with");
        assertThat(attempts).extracting(WebhookAttempt::url)
                .containsExactly("https://acme.example.com/hooks", "https://acme.example.com/hooks", null);

        dispatcher.answered(dispatcher.prepare(due), 204);
        assertThat(events.attemptsOfJob(job.id())).hasSize(3);
    }

    @Test
    void deliversOnA2xxAndSchedulesARetryOtherwise() {
        failedJob("acme", "https://acme.example.com/hooks");
        WebhookDispatcher dispatcher = dispatcher();
        DueWebhook due = dispatcher.claimDue().get(0);

        Instant before = Instant.now();
        dispatcher.failed(due, dispatcher.prepare(due), new SocketTimeoutException("Read timed out"));
        WebhookEvent retrying = events.findById(due.eventId()).orElseThrow();
        assertThat(retrying.status()).isEqualTo(EventStatus.PENDING);
        assertThat(retrying.nextAttemptAt()).isAfter(before.plusSeconds(29)).isBefore(before.plusSeconds(60));
        assertThat(events.attemptsOfJob(retrying.jobId()).get(0).error()).isEqualTo("no answer within 10 s");

        dispatcher.answered(dispatcher.prepare(due), 202);
        WebhookEvent delivered = events.findById(due.eventId()).orElseThrow();
        assertThat(delivered.status()).isEqualTo(EventStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(events.attemptsOfJob(delivered.jobId()).get(1).error()).isNull();
    }

    private static Job failedJob(String tenant, String callbackUrl) {
        UUID id = UUID.randomUUID();
        Job job = jobs.save(Job.awaitingUpload(id, tenant, JobSource.API, "prices.csv", JobKeys.inputKey(tenant, id),
                "default", null, null, Instant.now()).withCallbackUrl(callbackUrl));
        jobs.markQueued(id);
        jobs.claim(id, "message-" + id);
        assertThat(jobs.fail(id, 1, "csv_format", "prices.csv line 3: bad")).isEqualTo(1);
        return job;
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
