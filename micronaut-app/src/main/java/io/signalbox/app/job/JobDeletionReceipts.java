package io.signalbox.app.job;

import io.signalbox.routes.storage.DeletionReceipts;
import jakarta.inject.Singleton;

/** Lists on each job's row the objects the storage routes delete for it: the keys of its deletion receipt. */
@Singleton
final class JobDeletionReceipts implements DeletionReceipts {

    private final JobRepository jobs;

    JobDeletionReceipts(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public void deleting(String jobId, String key) {
        JobIds.parse(jobId).ifPresent(id -> jobs.noteDeletedKey(id, key));
    }
}
