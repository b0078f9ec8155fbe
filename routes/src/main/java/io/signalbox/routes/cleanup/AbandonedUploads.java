package io.signalbox.routes.cleanup;

import io.signalbox.routes.storage.MultipartUploads;
import io.signalbox.routes.storage.PendingUpload;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds multipart uploads that nobody will finish: started under a prefix Signalbox writes to, and without a new part
 * for longer than any live upload pauses (a crash, a client that went away). Files of jobs whose deletion is due go
 * with their job, unfinished uploads included; these are the rest, such as an outbox result whose writer was killed.
 */
public final class AbandonedUploads {

    /** Every prefix an upload can be started under: by the REST API, the process routes, a partner, the ingest. */
    public static final List<String> AREAS = List.of("uploads/", "results/", "inbox/", "outbox/");

    private final MultipartUploads uploads;
    private final Duration idleFor;
    private final Clock clock;

    /**
     * @param uploads lists the unfinished uploads
     * @param idleFor how long an upload must have been started and without a new part to count as abandoned
     * @param clock the time
     */
    public AbandonedUploads(MultipartUploads uploads, Duration idleFor, Clock clock) {
        if (idleFor.isNegative() || idleFor.isZero()) {
            throw new IllegalArgumentException("idleFor " + idleFor + " is invalid; expected a positive duration");
        }
        this.uploads = uploads;
        this.idleFor = idleFor;
        this.clock = clock;
    }

    /**
     * @return the abandoned uploads, to be aborted
     */
    public List<PendingUpload> find() {
        List<PendingUpload> abandoned = new ArrayList<>();
        for (String area : AREAS) {
            abandoned.addAll(uploads.idleSince(area, clock.instant().minus(idleFor)));
        }
        return abandoned;
    }
}
