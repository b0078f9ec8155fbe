package io.signalbox.app.partner;

import io.signalbox.app.storage.StorageSettings;
import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.routes.ingest.DropFolderIntake;
import jakarta.inject.Singleton;

/**
 * What S3 events under {@code inbox/} and {@code outbox/} mean: a file written to an inbox is a drop, a result
 * deleted from an outbox has been picked up; everything else (the service's own writes and deletes) means nothing.
 */
@Singleton
final class DropFolderIntakeService implements DropFolderIntake {

    private final DropIntakeService drops;
    private final PickupService pickups;
    private final String bucket;

    DropFolderIntakeService(DropIntakeService drops, PickupService pickups, StorageSettings storage) {
        this.drops = drops;
        this.pickups = pickups;
        this.bucket = storage.bucket();
    }

    @Override
    public String accept(ObjectEvent event) {
        if (!bucket.equals(event.bucket())) {
            return null;
        }
        if (event.created() && event.key().startsWith(INBOX)) {
            return drops.accept(event);
        }
        if (event.removed() && event.key().startsWith(OUTBOX)) {
            pickups.removed(event);
        }
        return null;
    }
}
