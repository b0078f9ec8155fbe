package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;
import io.signalbox.topology.BucketLayout;

/** Partners' drop folders as the {@code ingest} routes see them: {@code inbox/} and {@code outbox/}. */
public interface DropFolderIntake {

    /** The prefix partners drop files under, {@code inbox/{partner}/}. */
    String INBOX = BucketLayout.INBOX;
    /** The prefix partners pick results up from, {@code outbox/{partner}/}. */
    String OUTBOX = BucketLayout.OUTBOX;

    /**
     * Decides what an event under {@link #INBOX} or {@link #OUTBOX} means: a dropped file becomes a job, a result
     * deleted by its partner has been picked up, anything else means nothing. Idempotent: the same event seen twice
     * has the effect of one.
     *
     * @param event one record of an S3 event notification
     * @return the id of a job to put on the jobs queue, or {@code null} when there is none
     */
    String accept(ObjectEvent event);
}
