package io.signalbox.app.tenant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Tenants and their API keys. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends GenericRepository<Tenant, String> {

    @Query("""
            SELECT t.* FROM tenants t JOIN api_keys k ON k.tenant_id = t.id
            WHERE k.key_hash = :keyHash AND k.revoked_at IS NULL""")
    Optional<Tenant> findByApiKeyHash(String keyHash);

    @Query("INSERT INTO tenants (id, display_name) VALUES (:id, :displayName) ON CONFLICT (id) DO NOTHING")
    int insertIfAbsent(String id, String displayName);

    @Query("""
            INSERT INTO api_keys (key_hash, tenant_id, key_prefix) VALUES (:keyHash, :tenantId, :keyPrefix)
            ON CONFLICT (key_hash) DO NOTHING""")
    int insertApiKeyIfAbsent(String keyHash, String tenantId, String keyPrefix);
}
