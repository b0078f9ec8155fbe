package io.signalbox.local;

import io.signalbox.app.tenant.KeysCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Local mode's database for a command such as {@code keys}: the PostgreSQL that {@code SIGNALBOX_DB_URL} names, or
 * the embedded one of {@code SIGNALBOX_HOME}, found through its folder and {@code secrets.properties}. When local mode
 * is not running, the embedded server is started for the command (holding the home's lock) and stopped after it.
 */
final class LocalDatabase {

    private LocalDatabase() {
    }

    /**
     * @param env the environment
     * @return the database, opened
     * @throws LocalModeException when the home has no database yet, or another command holds it
     */
    static KeysCommand.Session open(Map<String, String> env) throws Exception {
        LocalSettings settings = LocalSettings.from(env);
        if (settings.externalDatabaseUrl().isPresent()) {
            return KeysCommand.Session.of(dataSource(settings.externalDatabaseUrl().get(),
                    env.getOrDefault("SIGNALBOX_DB_USERNAME", LocalPostgres.USER),
                    env.getOrDefault("SIGNALBOX_DB_PASSWORD", "")));
        }
        Path home = settings.home();
        Optional<String> password = Files.isDirectory(home.resolve("postgres"))
                ? LocalSecrets.load(home).get(LocalMode.POSTGRES_PASSWORD) : Optional.empty();
        if (password.isEmpty()) {
            throw new LocalModeException(home + " has no local mode database yet: start ./signalbox local once (it"
                    + " creates the database and its tables), or set SIGNALBOX_DB_URL");
        }
        Optional<Integer> running = LocalPostgres.runningPort(home);
        if (running.isPresent()) {
            return KeysCommand.Session.of(dataSource(LocalPostgres.jdbcUrl(running.get()), LocalPostgres.USER,
                    password.get()));
        }
        HomeLock lock = HomeLock.acquire(home, "keys command, pid " + ProcessHandle.current().pid());
        LocalPostgres postgres;
        try {
            postgres = LocalPostgres.start(home, password.get());
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
        PGSimpleDataSource source = dataSource(postgres.jdbcUrl(), LocalPostgres.USER, password.get());
        return new KeysCommand.Session() {
            @Override
            public javax.sql.DataSource dataSource() {
                return source;
            }

            @Override
            public void close() {
                postgres.close();
                lock.close();
            }
        };
    }

    private static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(user);
        if (!password.isEmpty()) {
            source.setPassword(password);
        }
        return source;
    }
}
