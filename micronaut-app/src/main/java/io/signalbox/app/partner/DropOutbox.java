package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.signalbox.app.storage.ObjectStore;
import io.signalbox.processors.BadInputException;
import io.signalbox.routes.ingest.DropFailure;
import io.signalbox.routes.ingest.ErrorFile;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a dropped file's job has to say into its partner's outbox, beside where the result goes (the summary
 * of a success, the reason of a failure), and records which job the outbox files of a name belong to. The result
 * itself is streamed there by the {@code process} route; the error file of a drop that failed before its job ran is
 * written by the {@code ingest-drop} route.
 */
@Singleton
final class DropOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(DropOutbox.class);
    private static final String JSON = "application/json";

    private final ObjectStore store;
    private final JsonMapper json;
    private final DropRepository drops;

    DropOutbox(ObjectStore store, JsonMapper json, DropRepository drops) {
        this.store = store;
        this.json = json;
        this.drops = drops;
    }

    /**
     * Records that the job's files just written under its outbox name are its own: the cleanup deletes them with the
     * job, and earlier jobs of the same name, whose files they replaced, no longer own any.
     *
     * @param drop a drop whose job has written its files
     */
    void takeOwnership(Drop drop) {
        drops.markOutboxWritten(drop.jobId());
        int superseded = drops.supersedeOutbox(drop.tenantId(), drop.outboxName(), drop.jobId());
        if (superseded > 0) {
            LOG.info("job {} replaced the outbox files of {} earlier jobs of {}", drop.jobId(), superseded,
                    drop.outboxName());
        }
    }

    /**
     * Writes {@code NAME.summary.json}.
     *
     * @param drop a drop
     * @param summaryJson its job's summary document
     */
    void writeSummary(Drop drop, String summaryJson) {
        write(drop.outboxKey(OutboxFile.Kind.SUMMARY), summaryJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code NAME.error.json}.
     *
     * @param drop a drop
     * @param code the failure's code
     * @param message the failure's reason, as the job records it
     * @param file the file the problem is in, when the cause does not say, or {@code null}
     * @param cause the bad input that failed the job, or {@code null} when something else did
     */
    void writeError(Drop drop, String code, String message, @Nullable String file,
            @Nullable BadInputException cause) {
        OutboxError error = OutboxError.of(drop.jobId(), drop.dropKey(), code, message, file, cause, Instant.now());
        write(drop.outboxKey(OutboxFile.Kind.ERROR), document(drop, error));
    }

    /**
     * The {@code NAME.error.json} of a drop whose job failed before it ran; the {@code ingest-drop} route writes it.
     *
     * @param drop a drop
     * @param failure why its job could not take its files
     * @return the file
     */
    ErrorFile errorFile(Drop drop, DropFailure failure) {
        OutboxError error = OutboxError.ofIntake(drop.jobId(), drop.dropKey(), failure.code(), failure.message(),
                failure.file(), failure.path(), Instant.now());
        return new ErrorFile(drop.outboxKey(OutboxFile.Kind.ERROR), document(drop, error));
    }

    private byte[] document(Drop drop, OutboxError error) {
        try {
            return json.writeValueAsBytes(error);
        } catch (IOException e) {
            throw new UncheckedIOException("the error document of job " + drop.jobId() + " could not be written", e);
        }
    }

    private void write(String key, byte[] content) {
        store.store(key, JSON, (long) content.length, new ByteArrayInputStream(content));
    }
}
