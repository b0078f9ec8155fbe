package io.signalbox.app.download;

import io.signalbox.routes.cleanup.DownloadCoverage;
import io.signalbox.routes.cleanup.ObjectRead;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * The reads of each job's result since it was last delivered whole, and whether they now add up to the whole of it:
 * a download cut off and resumed with a {@code Range}, the ranged parts of a parallel download, or a partner's
 * GetObject calls (see {@link DownloadCoverage}). Each read is recorded once, by its id.
 */
@Singleton
public final class ResultReads {

    private final ResultReadRepository reads;

    ResultReads(ResultReadRepository reads) {
        this.reads = reads;
    }

    /**
     * Records a read; when the reads since the last complete delivery now cover the whole result, they are counted
     * as that delivery and the next one starts afresh. To be called in a transaction that holds the job's row lock,
     * so that reads recorded at the same time, here or in another process, all see each other.
     *
     * @param jobId the job
     * @param resultBytes the result's size
     * @param read the read
     * @return what the reads since the last complete delivery delivered, this one included
     */
    public DownloadCoverage record(UUID jobId, long resultBytes, ObjectRead read) {
        reads.record(jobId, read.eventId(), read.range(), read.bytesTransferredOut());
        List<ObjectRead> sinceLastDelivery = reads.uncounted(jobId).stream()
                .map(row -> row.asRead(read.bucket(), read.key()))
                .toList();
        DownloadCoverage coverage = DownloadCoverage.of(resultBytes, sinceLastDelivery);
        if (coverage.complete()) {
            reads.markCounted(jobId);
        }
        return coverage;
    }
}
