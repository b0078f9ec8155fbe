package io.signalbox.routes.cleanup;

import java.util.List;

/**
 * The objects of one job that must be deleted now, and why.
 *
 * @param jobId the job
 * @param tenant the job's owner
 * @param prefixes key prefixes holding the job's objects
 * @param keys single objects of the job outside those prefixes (its files in a partner's outbox), deleted if there
 * @param reason why they go: {@code expired}, {@code failed}, {@code cancelled}, {@code downloaded}, {@code acknowledged},
 *     {@code partner-pickup}
 */
public record JobFiles(String jobId, String tenant, List<String> prefixes, List<String> keys, String reason) {

    public JobFiles {
        prefixes = List.copyOf(prefixes);
        keys = List.copyOf(keys);
    }
}
