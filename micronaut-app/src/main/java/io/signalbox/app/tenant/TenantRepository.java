package io.signalbox.app.tenant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Tenants as requests find them by their API key; {@link ApiKeyStore} adds and revokes keys. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends GenericRepository<Tenant, String> {

    @Query("""
            SELECT t.* FROM tenants t JOIN api_keys k ON k.tenant_id = t.id
            WHERE k.key_hash = :keyHash AND k.revoked_at IS NULL""")
    Optional<Tenant> findByApiKeyHash(String keyHash);
}
