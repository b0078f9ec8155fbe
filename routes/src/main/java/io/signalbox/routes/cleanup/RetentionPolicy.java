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
     * Records that the job's objects are gone.
     *
     * @param files what was deleted
     */
    void deleted(JobFiles files);
}
