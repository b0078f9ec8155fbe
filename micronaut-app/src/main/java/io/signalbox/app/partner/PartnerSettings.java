package io.signalbox.app.partner;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;

/**
 * The partners this installation serves, from configuration; each becomes a tenant of the same name at start.
 *
 * @param names the partners' names ({@code SIGNALBOX_PARTNERS}, a comma list), none by default
 * @param recipes per partner, the recipe its drops use when no {@code NAME.recipe.json} comes with them: a preset's
 *     name or a recipe document ({@code signalbox.partners.recipes.<name>}); the {@code default} preset otherwise
 * @param apiKeys per partner, an API key to add to its tenant ({@code signalbox.partners.api-keys.<name>}), so that
 *     it can follow its jobs in the REST API
 * @param copyPartBytes dropped files up to this size are moved out of the inbox with one copy, larger ones in parts
 *     of this size; the {@code ingest-drop} route reads it, and it is bound here so that a value under S3's smallest
 *     part stops the start
 */
@ConfigurationProperties("signalbox.partners")
public record PartnerSettings(@Nullable List<String> names, @Nullable Map<String, String> recipes,
        @Nullable Map<String, String> apiKeys, @Min(5 * 1024 * 1024) long copyPartBytes) {

    @Override
    public List<String> names() {
        return names == null ? List.of() : names.stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    @Override
    public Map<String, String> recipes() {
        return recipes == null ? Map.of() : recipes;
    }

    @Override
    public Map<String, String> apiKeys() {
        return apiKeys == null ? Map.of() : apiKeys;
    }

    @Override
    public String toString() {
        return "PartnerSettings[names=" + names() + ", recipes=" + recipes().keySet() + ", apiKeys=****, copyPartBytes="
                + copyPartBytes + "]";
    }
}
