package io.signalbox.app.tenant;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An owner of jobs: a client organisation or a partner.
 *
 * @param id the tenant's slug, used in object keys
 * @param displayName a human-readable name
 * @param createdAt when it was added
 */
@MappedEntity("tenants")
public record Tenant(@Id String id, String displayName, Instant createdAt) {
}
