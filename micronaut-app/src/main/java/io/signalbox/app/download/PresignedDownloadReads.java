package io.signalbox.app.download;

import io.signalbox.app.storage.StorageSettings;
import io.signalbox.routes.cleanup.ObjectRead;
import io.signalbox.routes.cleanup.PresignedDownloads;
import io.signalbox.topology.BucketLayout;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients' reads of results through presigned URLs, as storage's GetObject events report them, counted in the same
 * ledger as streamed downloads ({@link ResultReadLedger}).
 *
 * <p>The URLs are signed with the service's own credentials, so storage names the service as the reader of both a
 * client's read through a URL and the service's own reads, such as those that stream a download, which record what
 * they delivered themselves. What tells them apart is how each request was signed: a presigned URL in its query
 * string, the service's own calls in their {@code Authorization} header. Only the former count here.
 */
@Singleton
final class PresignedDownloadReads implements PresignedDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(PresignedDownloadReads.class);

    private final ResultReadLedger ledger;
    private final String bucket;

    PresignedDownloadReads(ResultReadLedger ledger, StorageSettings storage) {
        this.ledger = ledger;
        this.bucket = storage.bucket();
    }

    @Override
    public void read(ObjectRead read) {
        if (!bucket.equals(read.bucket()) || !read.presignedUrl()) {
            return;
        }
        Optional<UUID> job = jobOf(read.key());
        if (job.isEmpty()) {
            LOG.info("a read of {} through a presigned URL is of no job's result; it counts for nothing", read.key());
            return;
        }
        ledger.record(job.get(), read, "through a presigned URL");
    }

    /** {@code results/{tenant}/{job}/{attempt}/result.csv}: the job, when the key has that shape. */
    private static Optional<UUID> jobOf(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length < 5 || !key.startsWith(BucketLayout.RESULTS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
