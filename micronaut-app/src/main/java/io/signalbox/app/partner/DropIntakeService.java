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
import io.signalbox.topology.BucketLayout;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Turns a file dropped into a partner's inbox into a job of the partner's tenant.
 *
 * <p>One job per object version: the job row is inserted under a unique constraint on the dropped key and its version,
 * so a redelivered or duplicated event finds the row instead of making another. The job then takes its files: the
 * data file and its signals sidecar are copied under the job's own keys (only while they are still the version that
 * was announced), the recipe sidecar is read into the row, and what was taken leaves the inbox. Each step can be
 * repeated, so an event redelivered after a crash finishes the work. Only then is the job queued.
 *
 * <p>A key the drop folder cannot take, or a recipe sidecar that is not a valid recipe, fails the job at once and
 * leaves {@code NAME.error.json} in the partner's outbox.
 */
@Singleton
final class DropIntakeService {

    /** The largest recipe sidecar read, as for a recipe sent to the REST API. */
    static final int MAX_RECIPE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DropIntakeService.class);
    private static final String DEFAULT_PRESET = "default";
    private static final String MOVED = "moved-into-job";

    private final JobRepository jobs;
    private final DropRepository drops;
    private final PartnerRepository partners;
    private final ObjectStore store;
    private final InboxCopier copier;
    private final DropOutbox outbox;
    private final TransactionOperations<Connection> transactions;

    DropIntakeService(JobRepository jobs, DropRepository drops, PartnerRepository partners, ObjectStore store,
            InboxCopier copier, DropOutbox outbox, TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.drops = drops;
        this.partners = partners;
        this.store = store;
        this.copier = copier;
        this.outbox = outbox;
    }

    /**
     * @param event an {@code ObjectCreated} event under {@code inbox/}
     * @return the id of the job to queue, or {@code null} when there is none
     */
    String accept(ObjectEvent event) {
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
        Job job = register(partner.get(), drop, event);
        return switch (job.status()) {
            case AWAITING_UPLOAD -> take(job, drop, event);
            // Sent again: the earlier send may have failed after the job was queued. The claim drops a duplicate.
            case QUEUED -> job.id().toString();
            default -> null;
        };
    }

    private Job register(Partner partner, DroppedObject drop, ObjectEvent event) {
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

    private String take(Job job, DroppedObject drop, ObjectEvent event) {
        if (drop.problem() != null) {
            failWithError(job, "key_invalid", BucketLayout.inbox(drop.partner()) + drop.displayName() + ": "
                    + drop.problem(), null, null);
            if (drop.hasAmbiguousPath()) {
                LOG.warn("job {}: {} stays in the inbox; a file-system store would resolve its path to another object",
                        job.id(), drop.displayName());
            } else {
                removeFromInbox(drop.key(), event.eTag(), "rejected");
            }
            return null;
        }
        if (job.uploadedAt() == null && !takeFiles(job, drop, event)) {
            return null;
        }
        removeFromInbox(drop.key(), event.eTag(), MOVED);
        if (jobs.markQueued(job.id()) == 1) {
            LOG.info("job {} queued: {} taken from the inbox of {}", job.id(), drop.displayName(), drop.partner());
        }
        return job.id().toString();
    }

    /** @return whether the job has its files; when not, it has failed or been superseded */
    private boolean takeFiles(Job job, DroppedObject drop, ObjectEvent event) {
        Optional<HeadObjectResponse> input = takeInput(job, drop, event);
        if (input.isEmpty()) {
            return false;
        }
        String signalsKey = null;
        String signalsName = null;
        String signalsSidecar = null;
        HeadObjectResponse signals = null;
        for (String suffix : DroppedObject.SIGNALS_SUFFIXES) {
            Optional<HeadObjectResponse> sidecar = store.stat(drop.sidecarKey(suffix));
            if (sidecar.isPresent()) {
                signals = sidecar.get();
                signalsSidecar = drop.sidecarKey(suffix);
                signalsKey = JobKeys.signalsKey(job.tenantId(), job.id());
                signalsName = drop.sidecarName(suffix);
                if (!copier.copy(signalsSidecar, signals.eTag(), signals.contentLength(), signalsKey)) {
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
                removeFromInbox(drop.key(), event.eTag(), "failed");
                removeFromInbox(recipeKey, recipe.get().eTag(), "failed");
                if (signals != null) {
                    removeFromInbox(signalsSidecar, signals.eTag(), "failed");
                }
                return false;
            }
        }
        drops.recordTaken(job.id(), input.get().contentLength(), recipePreset, recipeJson, signalsKey, signalsName);
        if (signals != null) {
            removeFromInbox(signalsSidecar, signals.eTag(), MOVED);
        }
        recipe.ifPresent(sidecar -> removeFromInbox(recipeKey, sidecar.eTag(), MOVED));
        return true;
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
        if (!sameETag(dropped.get().eTag(), event.eTag())
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
        // Written first: once the row says FAILED no delivery of this event comes back to write it.
        Drop origin = drops.findById(job.id()).orElseThrow();
        outbox.writeError(origin, code, message, file, cause);
        if (jobs.failIntake(job.id(), code, message) == 1) {
            outbox.takeOwnership(origin);
            LOG.info("job {} failed: {}", job.id(), message);
        }
    }

    /**
     * Deletes an object from the inbox if it is still the version the job took: a newer upload of the same name,
     * whose own event may still be on its way, stays.
     */
    private void removeFromInbox(String key, @Nullable String eTag, String reason) {
        Optional<HeadObjectResponse> current = store.stat(key);
        if (current.isPresent() && sameETag(current.get().eTag(), eTag)) {
            store.delete(key, reason);
        }
    }

    /** S3 answers ETags in quotes and its event notifications carry them without; an unknown one matches any. */
    private static boolean sameETag(@Nullable String stored, @Nullable String announced) {
        return announced == null || unquoted(announced).equals(unquoted(stored));
    }

    private static String unquoted(@Nullable String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
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
