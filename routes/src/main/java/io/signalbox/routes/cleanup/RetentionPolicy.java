package io.signalbox.routes.cleanup;

import java.util.List;

/** The job store as the {@code cleanup} routes see it. */
public interface RetentionPolicy {

    /**
     * Expires the jobs whose retention has passed ({@code SUCCEEDED -> EXPIRED}, and uploads never completed) and
     * lists every job whose objects must go now: expired, failed, cancelled, or downloaded but not yet deleted.
     *
     * @return the jobs whose objects to delete, a bounded batch
     */
    List<JobFiles> dueForDeletion();

    /**
     * Takes the deletion of one job's files, so that no one else deletes them at the same time, and names the job in
     * the log context of the work that follows.
     *
     * @param files what is about to be deleted
     * @return whether to go on: {@code false} when they are being deleted by someone else, or are gone already
     */
    boolean claim(JobFiles files);

    /**
     * Records that the job's objects are gone.
     *
     * @param files what was deleted
     */
    void deleted(JobFiles files);
}
