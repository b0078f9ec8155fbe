package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobRepository;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.storage.ObjectStore;
import io.signalbox.processors.recipe.RecipeException;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.ingest.DropIntake;
import io.signalbox.routes.ingest.DropTake;
import io.signalbox.routes.ingest.DroppedJob;
import io.signalbox.routes.ingest.ETags;
import io.signalbox.routes.ingest.InboxObject;
import io.signalbox.topology.BucketLayout;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The steps of the {@code ingest-drop} route: a file dropped into a partner's inbox becomes a job of the partner's
 * tenant.
 *
 * <p>One job per object version: the drop row is inserted under a unique constraint on the dropped key and its
 * version, so a redelivered or duplicated event finds the job instead of making another. The job then takes its
 * files: the data file and its signals sidecar are copied under the job's own keys (only while they are still the
 * version that was announced), the recipe sidecar is read into the row, and the route deletes what was taken from the
 * inbox. Each step can be repeated, so an event redelivered after a crash finishes the work. Only then is the job
 * queued.
 *
 * <p>A key the drop folder cannot take, or a recipe sidecar that is not a valid recipe, fails the job at once and
 * leaves {@code NAME.error.json} in the partner's outbox.
 *
 * <p>The stats, copies and the recipe read of {@link #take} go through the storage routes ({@link ObjectStore}), each
 * answer deciding the next step; a data file over the copy part size is copied by {@link InboxCopier} with the S3
 * client itself.
 */
@Singleton
final class DropIntakeService implements DropIntake {

    /** The largest recipe sidecar read, as for a recipe sent to the REST API. */
    static final int MAX_RECIPE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DropIntakeService.class);
    private static final String DEFAULT_PRESET = "default";
    private static final String MOVED = "moved-into-job";
    private static final String FAILED = "failed";

    private final JobRepository jobs;
    private final DropRepository drops;
    private final PartnerRepository partners;
    private final ObjectStore store;
    private final InboxCopier copier;
    private final DropOutbox outbox;
    private final TransactionOperations<Connection> transactions;

    DropIntakeService(JobRepository jobs, DropRepository drops, PartnerRepository partners, ObjectStore store,
            InboxCopier copier, DropOutbox outbox, TransactionOperations<Connection> transactions) {
        this.jobs = jobs;
        this.drops = drops;
        this.partners = partners;
        this.store = store;
        this.copier = copier;
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
    public DropTake take(DroppedJob dropped) {
        ObjectEvent event = dropped.event();
        DroppedObject drop = DroppedObject.parse(event.key()).orElseThrow();
        Job job = jobs.findById(UUID.fromString(dropped.jobId())).orElseThrow();
        InboxObject dataFile = new InboxObject(drop.key(), event.eTag(), MOVED);
        if (drop.problem() != null) {
            failWithError(job, "key_invalid", BucketLayout.inbox(drop.partner()) + drop.displayName() + ": "
                    + drop.problem(), null, null);
            if (drop.hasAmbiguousPath()) {
                LOG.warn("job {}: {} stays in the inbox; a file-system store would resolve its path to another object",
                        job.id(), drop.displayName());
                return new DropTake(dropped.jobId(), false, List.of());
            }
            return new DropTake(dropped.jobId(), false, List.of(new InboxObject(drop.key(), event.eTag(), "rejected")));
        }
        if (job.uploadedAt() != null) {
            // Taken by an earlier delivery of the event, which did not finish.
            return new DropTake(dropped.jobId(), true, List.of(dataFile));
        }
        return takeFiles(job, drop, event, dataFile);
    }

    private DropTake takeFiles(Job job, DroppedObject drop, ObjectEvent event, InboxObject dataFile) {
        String jobId = job.id().toString();
        Optional<HeadObjectResponse> input = takeInput(job, drop, event);
        if (input.isEmpty()) {
            return new DropTake(jobId, false, List.of());
        }
        String signalsKey = null;
        String signalsName = null;
        InboxObject signals = null;
        for (String suffix : DroppedObject.SIGNALS_SUFFIXES) {
            Optional<HeadObjectResponse> sidecar = store.stat(drop.sidecarKey(suffix));
            if (sidecar.isPresent()) {
                signals = new InboxObject(drop.sidecarKey(suffix), sidecar.get().eTag(), MOVED);
                signalsKey = JobKeys.signalsKey(job.tenantId(), job.id());
                signalsName = drop.sidecarName(suffix);
                if (!copier.copy(signals.key(), signals.eTag(), sidecar.get().contentLength(), signalsKey)) {
                    throw new IllegalStateException(signalsName + " changed while job " + job.id()
                            + " took it; the event will be delivered again");
                }
                break;
            }
        }
        String recipeKey = drop.sidecarKey(DroppedObject.RECIPE_SUFFIX);
        Optional<HeadObjectResponse> recipe = store.stat(recipeKey);
        String recipePreset = job.recipePreset();
        String recipeJson = job.recipeJson();
        if (recipe.isPresent()) {
            String name = drop.sidecarName(DroppedObject.RECIPE_SUFFIX);
            try {
                recipeJson = readRecipe(recipeKey, name, recipe.get());
                recipePreset = null;
            } catch (RecipeException e) {
                failWithError(job, e.code(), name + ": " + e.getMessage(), name, e);
                List<InboxObject> failed = new ArrayList<>(List.of(
                        new InboxObject(drop.key(), event.eTag(), FAILED),
                        new InboxObject(recipeKey, recipe.get().eTag(), FAILED)));
                if (signals != null) {
                    failed.add(new InboxObject(signals.key(), signals.eTag(), FAILED));
                }
                return new DropTake(jobId, false, failed);
            }
        }
        drops.recordTaken(job.id(), input.get().contentLength(), recipePreset, recipeJson, signalsKey, signalsName);
        List<InboxObject> taken = new ArrayList<>();
        if (signals != null) {
            taken.add(signals);
        }
        recipe.ifPresent(sidecar -> taken.add(new InboxObject(recipeKey, sidecar.eTag(), MOVED)));
        taken.add(dataFile);
        return new DropTake(jobId, true, taken);
    }

    /** @return the job's copy of the data file, or empty when the job cannot have it (and has been ended) */
    private Optional<HeadObjectResponse> takeInput(Job job, DroppedObject drop, ObjectEvent event) {
        Optional<HeadObjectResponse> copied = store.stat(job.inputKey());
        if (copied.isPresent()) {
            return copied;
        }
        Optional<HeadObjectResponse> dropped = store.stat(drop.key());
        if (dropped.isEmpty()) {
            failWithError(job, "input_missing", drop.displayName() + " was no longer in the inbox when job " + job.id()
                    + " came to take it; drop it again", null, null);
            return Optional.empty();
        }
        if (!ETags.same(dropped.get().eTag(), event.eTag())
                || !copier.copy(drop.key(), dropped.get().eTag(), dropped.get().contentLength(), job.inputKey())) {
            copied = store.stat(job.inputKey());
            if (copied.isEmpty()) {
                // The newer upload has an event, and so a job, of its own.
                jobs.failIntake(job.id(), "superseded", drop.displayName()
                        + " was replaced by a newer upload of the same name before it was taken");
                LOG.info("job {}: {} was replaced before it was taken; the newer upload is its own job", job.id(),
                        drop.displayName());
            }
            return copied;
        }
        return store.stat(job.inputKey());
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

    private String readRecipe(String key, String name, HeadObjectResponse head) {
        long size = head.contentLength() == null ? 0 : head.contentLength();
        if (size > MAX_RECIPE_BYTES) {
            throw new RecipeException("$", "the document has " + size + " bytes; a recipe may have at most "
                    + MAX_RECIPE_BYTES);
        }
        String json;
        try (InputStream in = store.open(key)) {
            byte[] bytes = in.readNBytes(MAX_RECIPE_BYTES + 1);
            if (bytes.length > MAX_RECIPE_BYTES) {
                throw new RecipeException("$", "the document has more than " + MAX_RECIPE_BYTES
                        + " bytes; a recipe may have at most " + MAX_RECIPE_BYTES);
            }
            json = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " failed", e);
        }
        Recipes.parse(json);
        return json;
    }

    private void failWithError(Job job, String code, String message, @Nullable String file,
            @Nullable RecipeException cause) {
        Drop origin = drops.findById(job.id()).orElseThrow();
        // Written first: once the row says FAILED no delivery of this event comes back to write it.
        outbox.writeError(origin, code, message, file, cause);
        if (jobs.failIntake(job.id(), code, message) == 1) {
            outbox.takeOwnership(origin);
            LOG.info("job {} failed: {}", job.id(), message);
        }
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
