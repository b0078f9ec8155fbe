package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/**
 * Partners' drop folders as the {@code ingest-drop} route sees them: the steps of taking a dropped file in as a job.
 * Each step can be repeated, so that an event delivered again after a crash finishes the work.
 */
public interface DropIntake {

    /**
     * A file was dropped: makes the job of the object's version once; the same version seen again finds that job.
     *
     * @param event an {@code ObjectCreated} event under {@code inbox/}
     * @return the job, or {@code null} when the object is no data file of a partner or its job is past taking in
     */
    DroppedJob register(ObjectEvent event);

    /**
     * Takes the job's files: the data file and its signals sidecar are copied under the job's own keys, while they
     * are still the version that was announced, and the recipe sidecar is read into the job. A key the drop folder
     * cannot take, a data file gone, or a recipe sidecar that is no valid recipe fails the job and writes the reason
     * into the partner's outbox.
     *
     * @param job a job that awaits its files
     * @return what leaves the inbox now, and whether the job is ready to be queued
     */
    DropTake take(DroppedJob job);

    /**
     * Queues a job that has its files ({@code AWAITING_UPLOAD → QUEUED}).
     *
     * @param take the job's take
     * @return the job's id, for the jobs queue, or {@code null} when it is not to be processed
     */
    String queue(DropTake take);
}
