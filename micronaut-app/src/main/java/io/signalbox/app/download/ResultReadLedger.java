package io.signalbox.app.download;

import io.micronaut.transaction.TransactionOperations;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobMetrics;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobStatus;
import io.signalbox.routes.cleanup.DownloadCoverage;
import io.signalbox.routes.cleanup.ObjectRead;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns reads of a job's result into its delivery, whichever way they reached the client: answers streamed by the
 * API, or GetObject calls through a presigned URL. Once the reads since the last complete delivery cover every byte
 * (see {@link DownloadCoverage}), the job is DOWNLOADED and its grace window starts.
 */
@Singleton
final class ResultReadLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ResultReadLedger.class);

    private final JobRepository repository;
    private final ResultReads reads;
    private final TransactionOperations<Connection> transactions;
    private final DownloadSettings settings;
    private final JobMetrics metrics;

    ResultReadLedger(JobRepository repository, ResultReads reads, TransactionOperations<Connection> transactions,
            DownloadSettings settings, JobMetrics metrics) {
        this.repository = repository;
        this.reads = reads;
        this.transactions = transactions;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Records a read of the job's result, once per read id, under a lock on the job's row so that reads recorded at
     * the same time, here or in another process, all see each other. A read of anything but the result of a job
     * still SUCCEEDED counts for nothing: a job already DOWNLOADED stays so, whatever is read within its grace window.
     *
     * @param jobId the job
     * @param read the read; its key must be the job's result
     * @param via how the read reached the client, for the log
     * @return whether this read completed the delivery
     */
    boolean record(UUID jobId, ObjectRead read, String via) {
        Optional<DownloadCoverage> whole = transactions.executeWrite(status -> {
            Optional<Job> locked = repository.lockById(jobId);
            if (locked.isEmpty() || locked.get().status() != JobStatus.SUCCEEDED
                    || locked.get().resultBytes() == null || !read.key().equals(locked.get().resultKey())) {
                return Optional.<DownloadCoverage>empty();
            }
            DownloadCoverage coverage = reads.record(jobId, locked.get().resultBytes(), read);
            if (!coverage.complete()) {
                LOG.info("job {}: {} bytes{} sent {}; {} so far", jobId, read.bytesTransferredOut(),
                        read.hasRange() ? " of " + read.range() : "", via, coverage);
                return Optional.<DownloadCoverage>empty();
            }
            return repository.markDownloaded(jobId, settings.grace().toMillis() / 1000.0) == 1
                    ? Optional.of(coverage) : Optional.<DownloadCoverage>empty();
        });
        whole.ifPresent(coverage -> {
            metrics.reached(JobMetrics.Outcome.DOWNLOADED);
            LOG.info("job {} downloaded: all {} bytes delivered {} in {} reads; its files go in {} s unless"
                    + " acknowledged sooner", jobId, coverage.objectSize(), via, coverage.reads(),
                    settings.grace().toSeconds());
        });
        return whole.isPresent();
    }
}
