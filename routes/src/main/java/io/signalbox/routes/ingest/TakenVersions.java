package io.signalbox.routes.ingest;

import io.signalbox.routes.storage.ETags;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Whether an inbox object is still the version that was taken: only that version leaves the inbox, and a newer upload
 * of the same name, whose own event may still be on its way, stays.
 */
public final class TakenVersions {

    /** Nothing to configure: the decision needs only its arguments. */
    public TakenVersions() {
    }

    /**
     * @param taken the object as it was taken
     * @param current the object under its key now, or {@code null} when there is none
     * @return whether it is still the version taken
     */
    public boolean stillTaken(InboxObject taken, HeadObjectResponse current) {
        return current != null && ETags.same(current.eTag(), taken.eTag());
    }
}
