package io.signalbox.app.job;

import io.signalbox.topology.BucketLayout;
import java.util.List;
import java.util.UUID;

/** Where a job's objects live. Every key is under the tenant and the job, never a name taken from the user. */
public final class JobKeys {

    private JobKeys() {
    }

    /**
     * @param tenant the owner
     * @param job the job
     * @return the prefix of the job's input
     */
    public static String uploadsPrefix(String tenant, UUID job) {
        return BucketLayout.UPLOADS + tenant + "/" + job + "/";
    }

    /**
     * @param tenant the owner
     * @param job the job
     * @return the key the input is stored under
     */
    public static String inputKey(String tenant, UUID job) {
        return uploadsPrefix(tenant, job) + "input";
    }

    /**
     * @param tenant the owner
     * @param job the job
     * @return the key the job's signals file is stored under
     */
    public static String signalsKey(String tenant, UUID job) {
        return uploadsPrefix(tenant, job) + "signals";
    }

    /**
     * @param tenant the owner
     * @param job the job
     * @return the prefix of the job's results, of every attempt
     */
    public static String resultsPrefix(String tenant, UUID job) {
        return BucketLayout.RESULTS + tenant + "/" + job + "/";
    }

    /**
     * @param tenant the owner
     * @param job the job
     * @param attempt the attempt writing it, so that a late earlier attempt never overwrites a later one
     * @return the prefix the attempt writes its result under
     */
    public static String attemptPrefix(String tenant, UUID job, int attempt) {
        return resultsPrefix(tenant, job) + attempt + "/";
    }

    /**
     * @param job the job
     * @return every prefix holding objects of the job
     */
    public static List<String> allPrefixes(Job job) {
        return List.of(uploadsPrefix(job.tenantId(), job.id()), resultsPrefix(job.tenantId(), job.id()));
    }
}
