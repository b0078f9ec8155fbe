package io.signalbox.app.tenant;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tenants' API keys as the settings and the {@code keys} command manage them: stored as SHA-256 only, each with the
 * first characters of its hash as an id that names it without revealing it. Requests look keys up in the database
 * every time ({@link TenantRepository#findByApiKeyHash}), so a revocation holds from the next request on.
 */
@Singleton
public final class ApiKeyStore {

    /** The fewest characters a configured key may have. */
    public static final int MIN_KEY_LENGTH = 32;
    /** How many characters of a key's hash make its id. */
    public static final int ID_LENGTH = 12;

    private final DataSource database;

    /**
     * @param database the job store's database
     */
    public ApiKeyStore(DataSource database) {
        this.database = database;
    }

    /** The application's: its data source unwrapped, since these statements run outside repository methods. */
    @Inject
    ApiKeyStore(DataSource database, DataSourceResolver resolver) {
        this(resolver.resolve(database));
    }

    /**
     * Makes sure a tenant exists.
     *
     * @param tenant the tenant's id
     * @return whether it was added
     */
    public boolean ensureTenant(String tenant) {
        return update("INSERT INTO tenants (id, display_name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                tenant, tenant) == 1;
    }

    /**
     * Makes a configured key the tenant's key: adds it unless it is known (a revoked one stays revoked), and revokes
     * the tenant's other configured keys, so that changing the setting retires the key it replaced.
     *
     * @param tenant the tenant, which exists
     * @param key the key from the settings
     * @param setting the setting's name, for the message when the key is too short
     * @return the ids of the keys revoked
     * @throws IllegalArgumentException when the key has fewer than {@value #MIN_KEY_LENGTH} characters
     */
    public List<String> configure(String tenant, String key, String setting) {
        requireLength(key, setting);
        String hash = ApiKeys.hash(key);
        update("""
                INSERT INTO api_keys (key_hash, tenant_id, key_prefix, origin) VALUES (?, ?, ?, 'configured')
                ON CONFLICT (key_hash) DO NOTHING""", hash, tenant, ApiKeys.prefix(key));
        return query("""
                UPDATE api_keys SET revoked_at = now()
                WHERE tenant_id = ? AND origin = 'configured' AND key_hash <> ? AND revoked_at IS NULL
                RETURNING key_hash""", row -> row.getString(1).substring(0, ID_LENGTH), tenant, hash);
    }

    /**
     * @param tenant a tenant, made if it does not exist
     * @return a new key of the tenant; only its hash is kept, so this is the only time it is seen
     */
    public String create(String tenant) {
        ensureTenant(tenant);
        String key = ApiKeys.generate();
        update("INSERT INTO api_keys (key_hash, tenant_id, key_prefix, origin) VALUES (?, ?, ?, 'command')",
                ApiKeys.hash(key), tenant, ApiKeys.prefix(key));
        return key;
    }

    /**
     * @param tenant a tenant
     * @return its keys, oldest first, revoked ones included
     */
    public List<Key> list(String tenant) {
        return query("""
                SELECT key_hash, key_prefix, origin, created_at, revoked_at FROM api_keys
                WHERE tenant_id = ? ORDER BY created_at, key_hash""",
                row -> new Key(row.getString(1).substring(0, ID_LENGTH), row.getString(2), row.getString(3),
                        row.getTimestamp(4).toInstant(),
                        Optional.ofNullable(row.getTimestamp(5)).map(java.sql.Timestamp::toInstant)), tenant);
    }

    /**
     * @param tenant a tenant
     * @param id a key's id as {@link #list} shows it (at least 8 of its first characters), or the key itself
     * @return the id of the key revoked; empty when the tenant has no live key of that id
     * @throws IllegalArgumentException when the id is too short or names more than one live key
     */
    public Optional<String> revoke(String tenant, String id) {
        String hashPrefix = id.startsWith("sbx_") || id.length() > 64 ? ApiKeys.hash(id)
                : id.toLowerCase(Locale.ROOT);
        if (hashPrefix.length() < 8 || !hashPrefix.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("\"" + id + "\" is not a key id: give the id that `keys list` shows"
                    + " (at least 8 of its characters) or the key itself");
        }
        List<String> revoked = query("""
                UPDATE api_keys SET revoked_at = now()
                WHERE tenant_id = ? AND revoked_at IS NULL AND key_hash LIKE ? || '%'
                  AND (SELECT count(*) FROM api_keys k WHERE k.tenant_id = ? AND k.revoked_at IS NULL
                       AND k.key_hash LIKE ? || '%') = 1
                RETURNING key_hash""", row -> row.getString(1).substring(0, ID_LENGTH),
                tenant, hashPrefix, tenant, hashPrefix);
        if (revoked.isEmpty() && count(tenant, hashPrefix) > 1) {
            throw new IllegalArgumentException("\"" + id + "\" names more than one live key of tenant " + tenant
                    + "; give more of its characters");
        }
        return revoked.stream().findFirst();
    }

    static void requireLength(String key, String setting) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(setting + " has " + key.length() + " characters; an API key needs at"
                    + " least " + MIN_KEY_LENGTH + " (make one with `signalbox keys create` or `openssl rand -hex 24`)");
        }
    }

    private long count(String tenant, String hashPrefix) {
        return query("""
                SELECT count(*) FROM api_keys WHERE tenant_id = ? AND revoked_at IS NULL AND key_hash LIKE ? || '%'""",
                row -> row.getLong(1), tenant, hashPrefix).get(0);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new ApiKeyStoreException(e);
        }
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(row.map(rows));
            }
            return values;
        } catch (SQLException e) {
            throw new ApiKeyStoreException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * A key as it is kept.
     *
     * @param id the first characters of its hash
     * @param prefix its own first characters
     * @param origin {@code configured} or {@code command}
     * @param createdAt when it was added
     * @param revokedAt when it was revoked, if it was
     */
    public record Key(String id, String prefix, String origin, Instant createdAt, Optional<Instant> revokedAt) {
    }

    /** The database refused a statement about keys; the message is PostgreSQL's. */
    public static final class ApiKeyStoreException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ApiKeyStoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
