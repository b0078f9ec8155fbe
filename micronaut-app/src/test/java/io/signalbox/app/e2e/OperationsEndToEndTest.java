package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.app.jmx.JolokiaAgent;
import io.signalbox.app.shutdown.RecordingEcsAgent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What an operator sees and steers, on the running system: the routes over JMX (Jolokia, as hawtio uses it), the
 * Prometheus metrics, and the log lines of a job.
 */
class OperationsEndToEndTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);

    private static CapturedLogs logs;
    private static RecordingEcsAgent ecsAgent;
    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static Jolokia jolokia;

    @BeforeAll
    static void start() {
        logs = CapturedLogs.attach();
        ecsAgent = new RecordingEcsAgent();
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of("ecs.agent.uri", ecsAgent.uri(),
                "signalbox.download.grace", "1s", "signalbox.cleanup.interval-millis", 300));
        jobs = new JobsClient(signalbox);
        jolokia = new Jolokia(signalbox, signalbox.app().getBean(JolokiaAgent.class).url());
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (ecsAgent != null) {
            ecsAgent.close();
        }
    }

    @Test
    void jolokiaListsEveryRouteWithItsProcessorsAndConsumersUnderTheSignalboxContext() {
        Set<String> routes = new TreeSet<>();
        jolokia.search(Jolokia.ROUTES + "*").forEach(name -> routes.add(routeName(name.asText())));

        assertThat(routes).contains("ingest-receive", "process-run", "process-dead-letter", "cleanup-expired",
                "storage-store", "storage-open", "storage-delete-prefix", "storage-delete-object");
        assertThat(jolokia.search("org.apache.camel:context=signalbox,type=processors,*")).isNotEmpty();
        assertThat(jolokia.search("org.apache.camel:context=signalbox,type=consumers,*")).isNotEmpty();
        assertThat(jolokia.read(Jolokia.route("process-run"), "State").asText()).isEqualTo("Started");
        assertThat(jolokia.read(Jolokia.route("process-run"), "ExchangesTotal").isNumber()).isTrue();
    }

    @Test
    void aRouteStoppedOverJolokiaLeavesItsMessagesOnTheQueueUntilItIsStartedAgain() {
        String ingest = Jolokia.route("ingest-receive");
        jolokia.exec(ingest, "stop()");
        assertThat(jolokia.read(ingest, "State").asText()).isEqualTo("Stopped");
        try {
            String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
            // Several long-poll rounds of a running consumer: a stopped one must take nothing in them.
            Instant until = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(until)) {
                assertThat(visibleMessages("signalbox-events") + inFlightMessages("signalbox-events"))
                        .as("the S3 event of the upload waits on the events queue").isEqualTo(1);
                assertThat(jobs.job(id).get("status").asText()).isEqualTo("AWAITING_UPLOAD");
                JobsClient.pause(Duration.ofMillis(250));
            }
            assertThat(inFlightMessages("signalbox-events")).as("nobody received it").isZero();

            jolokia.exec(ingest, "start()");
            assertThat(jolokia.read(ingest, "State").asText()).isEqualTo("Started");
            jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        } finally {
            if (!"Started".equals(jolokia.read(ingest, "State").asText())) {
                jolokia.exec(ingest, "start()");
            }
        }
    }

    @Test
    void aRouteSuspendedOverJolokiaResumesWhereItStopped() {
        String cleanup = Jolokia.route("cleanup-expired");
        jolokia.exec(cleanup, "suspend()");
        assertThat(jolokia.read(cleanup, "State").asText()).isEqualTo("Suspended");
        jolokia.exec(cleanup, "resume()");
        assertThat(jolokia.read(cleanup, "State").asText()).isEqualTo("Started");
    }

    @Test
    void metricsMoveWhenAJobRunsAndIsDownloaded() {
        Prometheus before = Prometheus.scrape(signalbox);
        byte[] prices = sample("prices.csv");
        String id = jobs.uploadAccepted(prices).get("id").asText();
        JsonNode done = jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        HttpResponse<byte[]> result = jobs.getBytes("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(200);
        jobs.awaitStatus(id, Duration.ofSeconds(10), "DOWNLOADED");
        Prometheus after = Prometheus.scrape(signalbox);

        assertThat(delta(before, after, "signalbox_jobs_total", "outcome=\"succeeded\"")).isEqualTo(1);
        assertThat(delta(before, after, "signalbox_jobs_total", "outcome=\"downloaded\"")).isEqualTo(1);
        assertThat(delta(before, after, "signalbox_job_rows_total")).isEqualTo(520);
        assertThat(delta(before, after, "signalbox_job_input_bytes_total")).isEqualTo(prices.length);
        assertThat(delta(before, after, "signalbox_job_output_bytes_total")).isEqualTo(done.get("resultBytes").asDouble());
        assertThat(delta(before, after, "signalbox_transfer_bytes_total", "direction=\"upload\"")).isEqualTo(prices.length);
        assertThat(delta(before, after, "signalbox_transfer_bytes_total", "direction=\"download\""))
                .isEqualTo(result.body().length);
        assertThat(delta(before, after, "signalbox_transfer_throughput_bytes_per_second_count", "direction=\"upload\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "signalbox_queue_message_age_seconds_count", "queue=\"signalbox-jobs\""))
                .isEqualTo(1);
        // The upload's ObjectCreated, and maybe already the ObjectRemoved of its deletion after the download.
        assertThat(delta(before, after, "signalbox_queue_message_age_seconds_count", "queue=\"signalbox-events\""))
                .isBetween(1.0, 2.0);
        assertThat(delta(before, after, "camel_exchanges_total", "routeId=\"process-run\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "camel_route_policy_seconds_count", "routeId=\"process-run\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.has("camel_exchanges_failed_total")).isTrue();
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        assertThat(after.text()).doesNotContain("tenant=").doesNotContain(id);
    }

    @Test
    void everyLogLineOfAJobsWorkNamesTheJobItsTenantAndItsRoute() {
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        assertThat(jobs.getBytes("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(200);
        jobs.awaitStatus(id, Duration.ofSeconds(10), "DOWNLOADED");
        awaitLine(event -> event.getLoggerName().equals("signalbox.audit") && event.getFormattedMessage().contains(id)
                && event.getFormattedMessage().contains("result.csv"));

        List<ILoggingEvent> mentioningTheJob = logs.events().stream()
                .filter(event -> event.getFormattedMessage().contains(id))
                .toList();
        assertThat(mentioningTheJob).hasSizeGreaterThanOrEqualTo(6);
        for (ILoggingEvent event : mentioningTheJob) {
            Map<String, String> mdc = event.getMDCPropertyMap();
            assertThat(mdc).as("MDC of \"%s\" (%s)", event.getFormattedMessage(), event.getLoggerName())
                    .containsEntry("jobId", id)
                    .containsEntry("tenant", RunningSignalbox.TENANT)
                    .containsKey("route");
        }
        Set<String> routes = logs.events().stream()
                .filter(event -> id.equals(event.getMDCPropertyMap().get("jobId")))
                .map(event -> event.getMDCPropertyMap().get("route"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).contains("api", "ingest-receive", "process-run", "storage-delete-object");
    }

    @Test
    void writesOneStructuredAuditLinePerDeletedObjectWithTheReason() {
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        assertThat(jobs.getBytes("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(200);
        jobs.awaitStatus(id, Duration.ofSeconds(10), "DOWNLOADED");
        awaitLine(event -> event.getLoggerName().equals("signalbox.audit") && event.getFormattedMessage().contains(id)
                && event.getFormattedMessage().contains("result.csv"));

        List<Map<String, Object>> audit = new ArrayList<>();
        for (ILoggingEvent event : logs.events()) {
            if (event.getLoggerName().equals("signalbox.audit") && event.getFormattedMessage().contains(id)) {
                audit.add(event.getKeyValuePairs().stream()
                        .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value)));
            }
        }
        assertThat(audit).containsExactlyInAnyOrder(
                Map.of("event", "object-deleted", "bucket", RunningSignalbox.BUCKET,
                        "key", "uploads/acme/" + id + "/input", "reason", "downloaded"),
                Map.of("event", "object-deleted", "bucket", RunningSignalbox.BUCKET,
                        "key", "results/acme/" + id + "/1/result.csv", "reason", "downloaded"));
    }

    @Test
    void onEcsTheTaskIsProtectedFromScaleInWhileAJobRunsAndReleasedAfter() {
        ecsAgent.clear();
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");

        // an earlier test's job may release its protection after the clear: this job's calls start at its protection
        assertThat(ecsAgent.awaitFrom("\"ProtectionEnabled\":true", 2, Duration.ofSeconds(10))).containsExactly(
                "PUT /api/task-1/task-protection/v1/state {\"ProtectionEnabled\":true,\"ExpiresInMinutes\":60}",
                "PUT /api/task-1/task-protection/v1/state {\"ProtectionEnabled\":false}");
    }

    @Test
    void neverLogsTheApiKey() {
        String id = jobs.uploadAccepted(sample("prices.csv")).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        assertThat(logs.events()).isNotEmpty();
        for (ILoggingEvent event : logs.events()) {
            assertThat(event.getFormattedMessage()).doesNotContain(RunningSignalbox.API_KEY);
            assertThat(String.valueOf(event.getMDCPropertyMap())).doesNotContain(RunningSignalbox.API_KEY);
            assertThat(String.valueOf(event.getKeyValuePairs())).doesNotContain(RunningSignalbox.API_KEY);
        }
    }

    private static double delta(Prometheus before, Prometheus after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static void awaitLine(java.util.function.Predicate<ILoggingEvent> line) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (logs.events().stream().noneMatch(line)) {
            assertThat(Instant.now()).as("the expected log line within 30 s").isBefore(deadline);
            JobsClient.pause(Duration.ofMillis(100));
        }
    }

    private static int visibleMessages(String queue) {
        return attribute(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    private static int inFlightMessages(String queue) {
        return attribute(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private static int attribute(String queue, QueueAttributeName name) {
        return Integer.parseInt(signalbox.sqs().getQueueAttributes(b -> b.queueUrl(signalbox.aws().queueUrl(queue))
                .attributeNames(name)).attributes().get(name));
    }

    private static String routeName(String objectName) {
        int start = objectName.indexOf("name=\"") + 6;
        return objectName.substring(start, objectName.indexOf('"', start));
    }
}
