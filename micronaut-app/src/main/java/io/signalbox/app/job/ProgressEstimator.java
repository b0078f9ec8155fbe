package io.signalbox.app.job;

import io.signalbox.app.storage.ObjectStore;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Estimates how many rows a running job's input has, so that the API can say how far the job has come: the rows
 * are only counted as they are read, but the input's size is known, and its first 64 KiB tell the bytes per row.
 * Each job's input is sampled once per process. A gzip-compressed input gets no estimate: its compressed bytes per
 * row cannot be told from its start.
 */
@Singleton
public final class ProgressEstimator {

    static final int SAMPLE_BYTES = 64 * 1024;
    private static final int MAX_REMEMBERED = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressEstimator.class);

    private final ObjectStore store;
    private final Map<UUID, OptionalDouble> bytesPerRow = new ConcurrentHashMap<>();

    ProgressEstimator(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param tenantId the job's owner
     * @param view the job as the API shows it
     * @return the view with its progress estimated when the job is processing, else the view as it was
     */
    public JobView estimate(String tenantId, JobView view) {
        if (view.status() != JobStatus.PROCESSING || view.inputBytes() == null || view.progress() == null) {
            return view;
        }
        UUID id = UUID.fromString(view.id());
        if (bytesPerRow.size() > MAX_REMEMBERED) {
            bytesPerRow.clear();
        }
        OptionalDouble perRow = bytesPerRow.computeIfAbsent(id, job -> sample(JobKeys.inputKey(tenantId, job)));
        if (perRow.isEmpty()) {
            return view;
        }
        // The header counts as a line of the sample but is no row.
        return view.withExpectedRows(Math.max(1, Math.round(view.inputBytes() / perRow.getAsDouble()) - 1));
    }

    private OptionalDouble sample(String key) {
        try (ResponseInputStream<GetObjectResponse> in = store.open(key)) {
            byte[] head = in.readNBytes(SAMPLE_BYTES);
            // Only the sample is wanted: dropping the connection is cheaper than reading the rest of a large object.
            in.abort();
            return bytesPerRow(head);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no progress estimate for {}: {}", key, e.getMessage());
            return OptionalDouble.empty();
        }
    }

    /**
     * @param head the first bytes of a CSV file
     * @return its mean bytes per line, counting its header as a line, or empty when the sample has no whole line or
     *     is gzip-compressed
     */
    static OptionalDouble bytesPerRow(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return OptionalDouble.empty();
        }
        int lines = 0;
        int lastEnd = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n') {
                lines++;
                lastEnd = i + 1;
            }
        }
        return lines == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) lastEnd / lines);
    }
}
