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
     * @return the key a dropped file's signals sidecar is stored under
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
     * @param outboxName {@code outbox/{partner}/NAME} of a dropped file
     * @return where its result goes
     */
    public static String outboxResultKey(String outboxName) {
        return outboxName + ".result.csv";
    }

    /**
     * @param outboxName {@code outbox/{partner}/NAME} of a dropped file
     * @return where its summary goes
     */
    public static String outboxSummaryKey(String outboxName) {
        return outboxName + ".summary.json";
    }

    /**
     * @param outboxName {@code outbox/{partner}/NAME} of a dropped file
     * @return where the reason of its failure goes
     */
    public static String outboxErrorKey(String outboxName) {
        return outboxName + ".error.json";
    }

    /**
     * @param job a job from a partner's drop folder
     * @return every key it may have written in the partner's outbox
     */
    public static List<String> outboxKeys(Job job) {
        String result = job.resultKey() != null ? job.resultKey() : outboxResultKey(job.outboxName());
        return List.of(result, outboxSummaryKey(job.outboxName()), outboxErrorKey(job.outboxName()));
    }

    /**
     * @param job the job
     * @return every prefix holding objects of the job
     */
    public static List<String> allPrefixes(Job job) {
        return List.of(uploadsPrefix(job.tenantId(), job.id()), resultsPrefix(job.tenantId(), job.id()));
    }
}
