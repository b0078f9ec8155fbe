package io.signalbox.app.job;

/**
 * The uploads that jobs which ended (expired, cancelled, failed) will never take: storage holds their parts until
 * they are aborted. The cleanup aborts them at each run; the feature that opened them knows where they are.
 */
public interface UploadAborts {

    /**
     * Aborts the uploads of jobs that ended, so that storage drops their parts at once rather than when its
     * lifecycle rule comes round.
     *
     * @return how many were aborted
     */
    int abortAbandoned();
}
