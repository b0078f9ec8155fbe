package io.signalbox.app.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What jobs came to, and how much they moved: {@code signalbox_jobs_total{outcome}},
 * {@code signalbox_job_input_bytes_total}, {@code signalbox_job_output_bytes_total} and
 * {@code signalbox_job_rows_total}. The outcome label has the fixed set of values of {@link Outcome}; no tenant
 * or job id is ever a label.
 */
@Singleton
public final class JobMetrics {

    /** A job's transition into a state it does not leave by itself. */
    public enum Outcome {
        /** Processed; its result waits for download. */
        SUCCEEDED,
        /** Its input or recipe can never succeed. */
        FAILED,
        /** Its message went to the dead-letter queue after repeated service failures. */
        UNDELIVERABLE,
        /** Its result was downloaded (then deleted). */
        DOWNLOADED,
        /** Nobody downloaded its result within the retention, or its upload never completed. */
        EXPIRED,
        /** Its owner cancelled it. */
        CANCELLED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter inputBytes;
    private final Counter outputBytes;
    private final Counter rows;

    JobMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("signalbox.jobs")
                    .description("Jobs by the outcome they reached")
                    .tag("outcome", outcome.label())
                    .register(registry));
        }
        inputBytes = Counter.builder("signalbox.job.input")
                .description("Bytes of input read by jobs that succeeded, as stored (compressed if it was)")
                .baseUnit("bytes")
                .register(registry);
        outputBytes = Counter.builder("signalbox.job.output")
                .description("Bytes of results written by jobs that succeeded")
                .baseUnit("bytes")
                .register(registry);
        rows = Counter.builder("signalbox.job.rows")
                .description("Price rows processed by jobs that succeeded")
                .register(registry);
    }

    /**
     * @param outcome what one job came to
     */
    public void reached(Outcome outcome) {
        reached(outcome, 1);
    }

    /**
     * @param outcome what the jobs came to
     * @param jobs how many jobs
     */
    public void reached(Outcome outcome, int jobs) {
        outcomes.get(outcome).increment(jobs);
    }

    /**
     * Counts a job that succeeded, with what it read and wrote.
     *
     * @param inputBytes bytes read
     * @param outputBytes bytes written
     * @param rowsProcessed rows processed
     */
    public void succeeded(long inputBytes, long outputBytes, long rowsProcessed) {
        reached(Outcome.SUCCEEDED);
        this.inputBytes.increment(inputBytes);
        this.outputBytes.increment(outputBytes);
        rows.increment(rowsProcessed);
    }
}
