package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.signalbox.topology.BucketLayout;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A tenant that drops files into {@code inbox/{name}/} and picks results up from {@code outbox/{name}/}.
 *
 * @param name the partner's name, its prefix segment
 * @param tenantId the tenant whose jobs its drops become
 * @param recipePreset the preset its drops use when no sidecar recipe comes with them, or {@code null}
 * @param recipeJson the recipe document its drops use when no sidecar recipe comes with them, or {@code null}
 * @param createdAt when it was added
 * @param updatedAt when its settings last changed
 */
@MappedEntity("partners")
public record Partner(@Id String name, String tenantId, @Nullable String recipePreset, @Nullable String recipeJson,
        Instant createdAt, Instant updatedAt) {

    /** A partner's name: also a key prefix segment and, in AWS, part of its IAM role's name. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

    /**
     * @return {@code inbox/{name}/}
     */
    public String inboxPrefix() {
        return BucketLayout.inbox(name);
    }

    /**
     * @return {@code outbox/{name}/}
     */
    public String outboxPrefix() {
        return BucketLayout.outbox(name);
    }
}
