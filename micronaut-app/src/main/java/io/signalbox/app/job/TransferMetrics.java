package io.signalbox.app.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Files moving through the REST API: {@code signalbox_transfer_bytes_total}, {@code signalbox_transfer_duration_seconds} and
 * the throughput of each transfer, {@code signalbox_transfer_throughput_bytes_per_second}, each by
 * {@code direction} ({@code upload} or {@code download}). Transfers straight to or from S3 (presigned URLs, partner
 * folders) do not pass through the service and are not counted here.
 */
@Singleton
public final class TransferMetrics {

    private final Direction upload;
    private final Direction download;

    TransferMetrics(MeterRegistry registry) {
        upload = new Direction(registry, "upload");
        download = new Direction(registry, "download");
    }

    /**
     * @param bytes bytes received and stored
     * @param took from the first byte read to the last byte stored
     */
    public void uploaded(long bytes, Duration took) {
        upload.record(bytes, took);
    }

    /**
     * @param bytes bytes sent
     * @param took from the response's start to its last byte written
     */
    public void downloaded(long bytes, Duration took) {
        download.record(bytes, took);
    }

    private static final class Direction {

        private final Counter bytes;
        private final Timer time;
        private final DistributionSummary throughput;

        Direction(MeterRegistry registry, String direction) {
            bytes = Counter.builder("signalbox.transfer")
                    .description("Bytes of files uploaded to or downloaded from the REST API")
                    .baseUnit("bytes")
                    .tag("direction", direction)
                    .register(registry);
            time = Timer.builder("signalbox.transfer.duration")
                    .description("Time taken by file uploads and downloads through the REST API")
                    .tag("direction", direction)
                    .register(registry);
            throughput = DistributionSummary.builder("signalbox.transfer.throughput")
                    .description("Throughput of each file upload or download through the REST API")
                    .baseUnit("bytes.per.second")
                    .tag("direction", direction)
                    .register(registry);
        }

        void record(long count, Duration took) {
            bytes.increment(count);
            time.record(took);
            if (!took.isZero() && !took.isNegative()) {
                throughput.record(count / (took.toNanos() / 1e9));
            }
        }
    }
}
