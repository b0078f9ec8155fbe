package io.signalbox.routes.cleanup;

import java.util.List;

/**
 * The objects of one job that must be deleted now, and why.
 *
 * @param jobId the job
 * @param prefixes key prefixes holding the job's objects
 * @param reason why they go: {@code expired}, {@code failed}, {@code cancelled}, {@code downloaded}
 */
public record JobFiles(String jobId, List<String> prefixes, String reason) {
}
