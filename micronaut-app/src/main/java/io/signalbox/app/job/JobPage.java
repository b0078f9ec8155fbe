package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a tenant's jobs, newest first.
 *
 * @param jobs the jobs
 * @param next the URL of the next page, or {@code null} on the last
 */
@Serdeable
public record JobPage(List<JobView> jobs, @Nullable String next) {
}
