package io.signalbox.routes.storage;

/** Where the storage routes note each object they delete for a job, so that the job's receipt can list it. */
public interface DeletionReceipts {

    /**
     * Called before the object is deleted, so that a deletion is never missing from the receipt: a failed deletion
     * is repeated until it succeeds, and the receipt is only complete once every object is gone.
     *
     * @param jobId the job whose object it is
     * @param key the object's key
     */
    void deleting(String jobId, String key);
}
