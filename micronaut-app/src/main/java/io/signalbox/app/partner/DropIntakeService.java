package io.signalbox.app.partner;

import io.micronaut.transaction.TransactionOperations;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobSource;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.ingest.DropFailure;
import io.signalbox.routes.ingest.DropFiles;
import io.signalbox.routes.ingest.DropIntake;
import io.signalbox.routes.ingest.DropTake;
import io.signalbox.routes.ingest.DroppedJob;
import io.signalbox.routes.ingest.ErrorFile;
import io.signalbox.routes.ingest.InboxObject;
import io.signalbox.routes.ingest.Sidecar;
import io.signalbox.topology.BucketLayout;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code ingest-drop} route that know the job store: a file dropped into a partner's inbox becomes a
 * job of the partner's tenant, which takes its files; the route makes every storage call between these steps.
 *
 * <p>One job per object version: the drop row is inserted under a unique constraint on the dropped key and its
 * version, so a redelivered or duplicated event finds the job instead of making another. The job then takes its
 * files: the data file and its signals sidecar are copied under the job's own keys (only while they are still the
 * version that was announced), the recipe sidecar is read into the row, and the route deletes what was taken from the
 * inbox. Each step can be repeated, so an event redelivered after a crash finishes the work. Only then is the job
 * queued.
 *
 * <p>A key the drop folder cannot take, a data file gone, or a recipe sidecar that is not a valid recipe fails the job
 * at once and leaves {@code NAME.error.json} in the partner's outbox.
 */
@Singleton
final class DropIntakeService implements DropIntake {

    private static final Logger LOG = LoggerFactory.getLogger(DropIntakeService.class);
    private static final String DEFAULT_PRESET = "default";

    private final JobRepository jobs;
    private final DropRepository drops;
    private final PartnerRepository partners;
    private final DropOutbox outbox;
    private final TransactionOperations<Connection> transactions;

    DropIntakeService(JobRepository jobs, DropRepository drops, PartnerRepository partners, DropOutbox outbox,
            TransactionOperations<Connection> transactions) {
        this.jobs = jobs;
        this.drops = drops;
        this.partners = partners;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    @Override
    public DroppedJob register(ObjectEvent event) {
        Optional<DroppedObject> parsed = DroppedObject.parse(event.key());
        if (parsed.isEmpty()) {
            LOG.debug("{} of {} is not a file in a partner's inbox; ignored", event.eventName(), event.key());
            return null;
        }
        DroppedObject drop = parsed.get();
        Optional<Partner> partner = partners.findById(drop.partner());
        if (partner.isEmpty()) {
            LOG.warn("{} was dropped into inbox/{}/, but there is no partner {}; ignored", drop.displayName(),
                    drop.partner(), drop.partner());
            return null;
        }
        if (drop.kind() != DroppedObject.Kind.DATA) {
            LOG.info("{} of partner {} is a {} sidecar; it is read when its data file arrives", drop.displayName(),
                    drop.partner(), drop.kind().name().toLowerCase(Locale.ROOT));
            return null;
        }
        Job job = registered(partner.get(), drop, event);
        return switch (job.status()) {
            case AWAITING_UPLOAD -> new DroppedJob(job.id().toString(), event, true);
            case QUEUED -> new DroppedJob(job.id().toString(), event, false);
            default -> null;
        };
    }

    private Job registered(Partner partner, DroppedObject drop, ObjectEvent event) {
        UUID id = UUID.randomUUID();
        String preset = partner.recipeJson() == null && partner.recipePreset() == null
                ? DEFAULT_PRESET : partner.recipePreset();
        String version = version(event);
        Job registered = Job.awaitingUpload(id, partner.tenantId(), JobSource.DROP, drop.displayName(),
                JobKeys.inputKey(partner.tenantId(), id), preset, partner.recipeJson(), null, Instant.now());
        // One job per object version: a second registration of the version rolls its job back.
        int inserted = transactions.executeWrite(status -> {
            jobs.save(registered);
            if (drops.insert(id, partner.tenantId(), drop.storedKey(), version, drop.outboxName()) == 0) {
                status.setRollbackOnly();
                return 0;
            }
            return 1;
        });
        Job job = drops.findByTenantIdAndDropKeyAndDropVersion(partner.tenantId(), drop.storedKey(), version)
                .flatMap(found -> jobs.findById(found.jobId()))
                .orElseThrow(() -> new IllegalStateException("the job of " + drop.storedKey() + " " + version
                        + " was neither inserted nor found"));
        if (inserted == 1) {
            LOG.info("job {} of partner {}: {} dropped ({} bytes, {})", job.id(), drop.partner(), drop.displayName(),
                    event.size(), event.eventName());
        } else {
            LOG.info("{} ({}) of partner {} is job {} already, which is {}", drop.displayName(), version,
                    drop.partner(), job.id(), job.status());
        }
        return job;
    }

    @Override
    public DropTake files(DroppedJob dropped) {
        ObjectEvent event = dropped.event();
        DroppedObject drop = DroppedObject.parse(event.key()).orElseThrow();
        Job job = jobs.findById(UUID.fromString(dropped.jobId())).orElseThrow();
        InboxObject dataFile = new InboxObject(drop.key(), event.eTag(), DropTake.MOVED);
        if (drop.problem() != null) {
            DropFailure failure = DropFailure.of("key_invalid", BucketLayout.inbox(drop.partner())
                    + drop.displayName() + ": " + drop.problem());
            if (drop.hasAmbiguousPath()) {
                LOG.warn("job {}: {} stays in the inbox; a file-system store would resolve its path to another object",
                        job.id(), drop.displayName());
                return DropTake.refused(dropped.jobId(), failure, List.of());
            }
            return DropTake.refused(dropped.jobId(), failure,
                    List.of(new InboxObject(drop.key(), event.eTag(), DropTake.REJECTED)));
        }
        if (job.uploadedAt() != null) {
            // Taken by an earlier delivery of the event, which did not finish.
            return DropTake.takenBefore(dropped.jobId(), dataFile);
        }
        List<Sidecar> signals = DroppedObject.SIGNALS_SUFFIXES.stream()
                .map(suffix -> new Sidecar(drop.sidecarKey(suffix), drop.sidecarName(suffix)))
                .toList();
        Sidecar recipe = new Sidecar(drop.sidecarKey(DroppedObject.RECIPE_SUFFIX),
                drop.sidecarName(DroppedObject.RECIPE_SUFFIX));
        return DropTake.start(dropped.jobId(), new DropFiles(dataFile, drop.displayName(), job.inputKey(), signals,
                JobKeys.signalsKey(job.tenantId(), job.id()), recipe));
    }

    @Override
    public ErrorFile errorFile(DropTake take) {
        return outbox.errorFile(drops.findById(UUID.fromString(take.jobId())).orElseThrow(), take.failure());
    }

    @Override
    public DropTake fail(DropTake take) {
        UUID id = UUID.fromString(take.jobId());
        DropFailure failure = take.failure();
        if (!failure.reported()) {
            jobs.failIntake(id, failure.code(), failure.message());
            LOG.info("job {}: {} was replaced before it was taken; the newer upload is its own job", id,
                    take.files().dataFileName());
            return take.failed();
        }
        if (jobs.failIntake(id, failure.code(), failure.message()) == 1) {
            outbox.takeOwnership(drops.findById(id).orElseThrow());
            LOG.info("job {} failed: {}", id, failure.message());
        }
        return take.failed();
    }

    @Override
    public DropTake record(DropTake take) {
        UUID id = UUID.fromString(take.jobId());
        String recipePreset = null;
        String recipeJson = take.recipeJson();
        if (recipeJson == null) {
            Job job = jobs.findById(id).orElseThrow();
            recipePreset = job.recipePreset();
            recipeJson = job.recipeJson();
        }
        InboxObject signals = take.signals();
        drops.recordTaken(id, take.inputBytes(), recipePreset, recipeJson,
                signals == null ? null : take.files().signalsKey(),
                signals == null ? null : take.signalsSought().name());
        return take.recorded();
    }

    @Override
    public String queue(DropTake take) {
        if (!take.ready()) {
            return null;
        }
        if (jobs.markQueued(UUID.fromString(take.jobId())) == 1) {
            LOG.info("job {} queued: its files were taken from the inbox", take.jobId());
        }
        return take.jobId();
    }

    /** Which version of the object the event announces: S3's version id, else the sequencer of its creation. */
    private static String version(ObjectEvent event) {
        if (event.versionId() != null && !event.versionId().isEmpty() && !"null".equals(event.versionId())) {
            return "version " + event.versionId();
        }
        if (event.sequencer() != null && !event.sequencer().isEmpty()) {
            return "sequencer " + event.sequencer();
        }
        return "etag " + event.eTag();
    }
}
