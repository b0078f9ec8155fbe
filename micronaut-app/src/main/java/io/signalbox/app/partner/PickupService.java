package io.signalbox.app.partner;

import io.signalbox.app.download.ResultReads;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobStatus;
import io.signalbox.app.storage.StorageSettings;
import io.micronaut.transaction.TransactionOperations;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.ingest.OutboxDeletions;
import io.signalbox.routes.cleanup.DownloadCoverage;
import io.signalbox.routes.cleanup.ObjectRead;
import io.signalbox.routes.cleanup.ResultPickups;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partners acknowledging their results. Reading a whole result (or error file) starts the grace window, after which
 * the cleanup deletes the job's files and marks it DOWNLOADED; each later complete read starts it again, so that a
 * download that failed on the partner's side can be retried. Deleting the result acknowledges it at once.
 *
 * <p>A result is read whole when the reads since its last pickup delivered all of it together: the AWS CLI fetches
 * objects of 8 MB or more as several ranged reads, each its own event, in any order. Each read is recorded once (by
 * its event id) under a lock on the job's row, so that parts handled at the same time, here or in another
 * container, all see each other.
 *
 * <p>Files of a name belong to the job that wrote them last. An event older than those files is about files of an
 * earlier job of the same name and acknowledges nothing.
 */
@Singleton
final class PickupService implements ResultPickups, OutboxDeletions {

    private static final Logger LOG = LoggerFactory.getLogger(PickupService.class);
    /** CloudTrail gives event times to the second; a read in the second the files were written still counts. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(1);

    private final JobRepository jobs;
    private final DropRepository drops;
    private final PartnerRepository partners;
    private final ResultReads reads;
    private final TransactionOperations<Connection> transactions;
    private final PickupSettings settings;
    private final String bucket;

    PickupService(JobRepository jobs, DropRepository drops, PartnerRepository partners, ResultReads reads,
            TransactionOperations<Connection> transactions, PickupSettings settings, StorageSettings storage) {
        this.jobs = jobs;
        this.drops = drops;
        this.partners = partners;
        this.reads = reads;
        this.transactions = transactions;
        this.settings = settings;
        this.bucket = storage.bucket();
    }

    @Override
    public void read(ObjectRead read) {
        if (!bucket.equals(read.bucket())) {
            return;
        }
        Optional<OutboxFile> file = OutboxFile.parse(read.key());
        if (file.isEmpty() || file.get().kind() == OutboxFile.Kind.SUMMARY) {
            return;
        }
        Optional<Job> owner = owner(file.get(), read.time());
        if (owner.isEmpty()) {
            return;
        }
        Job job = owner.get();
        if (file.get().isResult()) {
            readOfResult(job, file.get(), read);
        } else if (job.status() == JobStatus.FAILED && !read.hasRange()) {
            recordPickup(job, file.get(), read.key());
        }
    }

    private void readOfResult(Job owner, OutboxFile file, ObjectRead read) {
        Optional<DownloadCoverage> pickedUp = transactions.executeWrite(status -> {
            Optional<Job> locked = jobs.lockById(owner.id());
            if (locked.isEmpty() || locked.get().status() != JobStatus.SUCCEEDED
                    || locked.get().resultBytes() == null
                    || drops.findById(owner.id()).map(Drop::outboxDeletedAt).isPresent()) {
                return Optional.<DownloadCoverage>empty();
            }
            Job job = locked.get();
            DownloadCoverage coverage = reads.record(job.id(), job.resultBytes(), read);
            if (!coverage.complete()) {
                LOG.debug("job {}: a read of {} ({}{} bytes sent); {} so far, not yet a pickup", job.id(),
                        read.key(), read.hasRange() ? read.range() + ", " : "", read.bytesTransferredOut(), coverage);
                return Optional.<DownloadCoverage>empty();
            }
            return drops.recordPickup(job.id(), graceSeconds()) == 1 ? Optional.of(coverage) : Optional.empty();
        });
        pickedUp.ifPresent(coverage -> LOG.info("job {} picked up by partner {}: {} read in {} GetObject calls;"
                + " its files go in {} s", owner.id(), file.partner(), read.key(), coverage.reads(),
                settings.grace().toSeconds()));
    }

    private void recordPickup(Job job, OutboxFile file, String key) {
        if (drops.recordPickup(job.id(), graceSeconds()) == 1) {
            LOG.info("job {} picked up by partner {}: {} read; its files go in {} s", job.id(), file.partner(), key,
                    settings.grace().toSeconds());
        }
    }

    private double graceSeconds() {
        return settings.grace().toMillis() / 1000.0;
    }

    @Override
    public void deleted(ObjectEvent event) {
        Optional<OutboxFile> file = OutboxFile.parse(event.key());
        if (file.isEmpty() || file.get().kind() == OutboxFile.Kind.SUMMARY) {
            return;
        }
        Optional<Job> owner = owner(file.get(), event.time());
        if (owner.isEmpty()) {
            return;
        }
        Job job = owner.get();
        if (file.get().isResult() && drops.markPickedUpByDeletion(job.id()) == 1) {
            LOG.info("job {} picked up by partner {}: it deleted {}; DOWNLOADED, its other files go now", job.id(),
                    file.get().partner(), event.key());
        } else if (!file.get().isResult() && job.status() == JobStatus.FAILED && drops.recordPickup(job.id(), 0) == 1) {
            LOG.info("job {}: partner {} deleted {}; the rest of its outbox files go now", job.id(),
                    file.get().partner(), event.key());
        }
    }

    private Optional<Job> owner(OutboxFile file, Instant eventTime) {
        Optional<Drop> owner = partners.findById(file.partner())
                .flatMap(partner -> drops.findOutboxOwner(partner.tenantId(), file.outboxName()));
        if (owner.isPresent() && eventTime != null
                && eventTime.plus(CLOCK_TOLERANCE).isBefore(owner.get().outboxWrittenAt())) {
            LOG.info("an event of {} at {} is older than job {}'s files of that name; it acknowledges nothing",
                    file.outboxName(), eventTime, owner.get().jobId());
            return Optional.empty();
        }
        return owner.flatMap(drop -> jobs.findById(drop.jobId()));
    }
}
