package io.signalbox.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's own PostgreSQL, kept in {@code SIGNALBOX_HOME/postgres}. It requires a password on every connection
 * and runs with {@code fsync} on, so that a committed job survives a power cut. A server left running from the same
 * folder by a local mode that was killed ({@code kill -9} leaves the postmaster behind) is stopped before this one
 * starts; the caller holds the {@link HomeLock}, so no live Signalbox can own it.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres server;
    private final String password;

    private LocalPostgres(EmbeddedPostgres server, String password) {
        this.server = server;
        this.password = password;
    }

    /**
     * @param home local mode's folder
     * @param password the password the server requires from now on
     * @return the running server
     * @throws IOException when it cannot start
     */
    static LocalPostgres start(Path home, String password) throws IOException {
        Path data = dataDirectory(home);
        stopLeftBehind(home);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // The builder starts the server with -F (fsync off), fit for tests only; a later fsync=on wins.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setConnectConfig("password", password)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        LocalPostgres postgres = new LocalPostgres(server, password);
        try {
            postgres.requirePassword(data);
        } catch (SQLException | IOException | RuntimeException e) {
            postgres.close();
            throw new IOException("the embedded PostgreSQL did not take its password: " + e.getMessage(), e);
        }
        return postgres;
    }

    /**
     * @param home local mode's folder
     * @return the port of the PostgreSQL running from the folder, when one is
     */
    static Optional<Integer> runningPort(Path home) {
        return Postmaster.read(dataDirectory(home)).filter(Postmaster::alive).map(Postmaster::port);
    }

    /**
     * @param port a port on loopback
     * @return the JDBC URL of local mode's database there
     */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String jdbcUrl() {
        return jdbcUrl(server.getPort());
    }

    String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("stopping the embedded PostgreSQL: {}", e.getMessage());
        }
    }

    private void requirePassword(Path data) throws SQLException, IOException {
        try (Connection connection = server.getPostgresDatabase(Map.of("password", password)).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            Files.write(data.resolve("pg_hba.conf"), List.of(
                    "# Written by Signalbox local mode at every start: every connection needs the password in",
                    "# SIGNALBOX_HOME/secrets.properties (postgres-password).",
                    "local all all scram-sha-256",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256"));
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static Path dataDirectory(Path home) {
        return home.resolve("postgres");
    }

    /**
     * Stops the PostgreSQL running from the home's data folder, if one is; only for a caller that holds the home's
     * {@link HomeLock} or knows that no local mode runs there.
     *
     * @param home local mode's folder
     */
    static void stopLeftBehind(Path home) {
        Path data = dataDirectory(home);
        Optional<Postmaster> left = Postmaster.read(data).filter(Postmaster::alive);
        if (left.isEmpty()) {
            return;
        }
        ProcessHandle process = left.get().process().orElseThrow();
        LOG.warn("A PostgreSQL (pid {}) is still running from {}, left by a local mode that did not stop; stopping it",
                process.pid(), data);
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LocalModeException("the PostgreSQL (pid " + process.pid() + ") left running from " + data
                    + " did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s of SIGTERM; stop it (kill "
                    + process.pid() + ") and start again", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("waiting for pid " + process.pid(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while stopping the PostgreSQL left running from " + data, e);
        }
    }

    /**
     * What {@code postmaster.pid} says about the server running from a data folder: its pid on the first line, its
     * port on the fourth.
     */
    private record Postmaster(long pid, int port) {

        static Optional<Postmaster> read(Path data) {
            Path file = data.resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(file);
                return lines.size() < 4 ? Optional.empty()
                        : Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()),
                                Integer.parseInt(lines.get(3).trim())));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.contains("postgres"))
                            .orElse(false));
        }

        boolean alive() {
            return process().isPresent();
        }
    }
}
