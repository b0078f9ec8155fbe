package io.signalbox.app.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Partners, by name. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PartnerRepository extends GenericRepository<Partner, String> {

    Optional<Partner> findById(String name);

    @Query("SELECT * FROM partners ORDER BY name")
    List<Partner> findAll();

    @Query("""
            INSERT INTO partners (name, tenant_id, recipe_preset, recipe_json)
            VALUES (:name, :tenantId, :recipePreset, :recipeJson)
            ON CONFLICT (name) DO UPDATE SET recipe_preset = EXCLUDED.recipe_preset,
                                             recipe_json = EXCLUDED.recipe_json, updated_at = now()
            WHERE partners.recipe_preset IS DISTINCT FROM EXCLUDED.recipe_preset
               OR partners.recipe_json IS DISTINCT FROM EXCLUDED.recipe_json""")
    int upsert(String name, String tenantId, @Nullable String recipePreset, @Nullable String recipeJson);
}
