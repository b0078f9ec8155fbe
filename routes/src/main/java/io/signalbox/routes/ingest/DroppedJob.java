package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/**
 * The job a dropped file became.
 *
 * @param jobId the job's id
 * @param event the event announcing the file
 * @param awaitingFiles whether the job still has to take its files; otherwise it was queued already, and is sent
 *     again, since the earlier send may have failed after the job was queued (the claim drops a duplicate)
 */
public record DroppedJob(String jobId, ObjectEvent event, boolean awaitingFiles) {
}
