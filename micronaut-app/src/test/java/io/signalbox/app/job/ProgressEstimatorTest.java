package io.signalbox.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressEstimatorTest {

    @Test
    void measuresBytesPerLineUpToTheLastWholeLineOfTheSample() {
        byte[] head = "date,close\n2024-01-02,1.5\n2024-01-03,1.6\n2024-01-0".getBytes(StandardCharsets.US_ASCII);
        assertThat(ProgressEstimator.bytesPerRow(head)).hasValue((11 + 15 + 15) / 3.0);
    }

    @Test
    void givesNoEstimateForAGzipInputOrASampleWithoutAWholeLine() {
        assertThat(ProgressEstimator.bytesPerRow(new byte[] {0x1f, (byte) 0x8b, 8, 0, '\n'})).isEmpty();
        assertThat(ProgressEstimator.bytesPerRow("date,close".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void saysThePercentOfTheExpectedRowsAndNeverAHundredWhileProcessing() {
        assertThat(processing(25).withExpectedRows(100).progress())
                .isEqualTo(new JobView.Progress(25, 100L, 25));
        assertThat(processing(100).withExpectedRows(100).progress().percent()).isEqualTo(99);
        assertThat(processing(150).withExpectedRows(100).progress())
                .as("an estimate below the rows already read gives way to them")
                .isEqualTo(new JobView.Progress(150, 150L, 99));
    }

    @Test
    void aJobNotProcessingHasNoProgress() {
        JobView done = view(JobStatus.SUCCEEDED, null);
        assertThat(done.withExpectedRows(100)).isSameAs(done);
    }

    private static JobView processing(long rows) {
        return view(JobStatus.PROCESSING, new JobView.Progress(rows, null, null));
    }

    private static JobView view(JobStatus status, JobView.Progress progress) {
        return new JobView("5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11", status, "api", "prices.csv", "default", 1000L, null,
                null, null, null, null, null, null, 1, null, Instant.EPOCH, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, progress,
                Map.of("self", "/v1/jobs/5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11"));
    }
}
