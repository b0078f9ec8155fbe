package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/**
 * Partners' drop folders as the {@code ingest-drop} route sees them: what a dropped file's job is, where its files
 * are, and the job's writes to the database. The route makes every storage call itself ({@link TakeDecisions} says
 * what each answer means); these steps make none. Each step can be repeated, so that an event delivered again after
 * a crash finishes the work.
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
     * Where the job's files are: the data file, in the version the event announced, and the sidecars of its name.
     * A key the drop folder cannot take fails the job instead, and a job that took its files on an earlier delivery
     * of the event takes nothing again.
     *
     * @param job a job that awaits its files
     * @return the take, at its first step
     */
    DropTake files(DroppedJob job);

    /**
     * @param take a take whose job fails with a reason reported in the outbox
     * @return the {@code NAME.error.json} to write into the partner's outbox before the job fails
     */
    ErrorFile errorFile(DropTake take);

    /**
     * Fails the job of a take that could not take its files ({@code AWAITING_UPLOAD → FAILED}); the outbox files of
     * its name become its own when it reported the reason there.
     *
     * @param take the take, with its failure
     * @return the take, done
     */
    DropTake fail(DropTake take);

    /**
     * Records in the job what it took: the input's size, the signals' key and name, the recipe.
     *
     * @param take a take that has the job's files
     * @return the take, done, with what was taken to leave the inbox
     */
    DropTake record(DropTake take);

    /**
     * Queues a job that has its files ({@code AWAITING_UPLOAD → QUEUED}).
     *
     * @param take the job's take
     * @return the job's id, for the jobs queue, or {@code null} when it is not to be processed
     */
    String queue(DropTake take);
}
