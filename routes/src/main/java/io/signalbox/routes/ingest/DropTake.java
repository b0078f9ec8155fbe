package io.signalbox.routes.ingest;

import java.util.List;

/**
 * What taking a dropped file's job its files came to.
 *
 * @param jobId the job's id
 * @param ready whether the job has its files and is to be queued; otherwise it failed, or was superseded
 * @param leaving the inbox objects to delete now, each only if it is still the version that was taken
 */
public record DropTake(String jobId, boolean ready, List<InboxObject> leaving) {

    public DropTake {
        leaving = List.copyOf(leaving);
    }
}
