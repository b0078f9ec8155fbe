package io.signalbox.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's PostgreSQL: a password on every connection, fsync on, and no orphan left to block a restart. */
class LocalPostgresTest {

    private static final String PASSWORD = "a-password-of-local-mode-0123456789";

    @TempDir
    Path home;

    @Test
    void requiresItsPasswordAndSyncsEveryCommitToDisk() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(home, PASSWORD)) {
            assertThatThrownBy(() -> connect(postgres.jdbcUrl(), null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(postgres.jdbcUrl(), "not-the-password")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection connection = connect(postgres.jdbcUrl(), PASSWORD);
                    Statement statement = connection.createStatement()) {
                assertThat(setting(statement, "fsync")).isEqualTo("on");
                assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
            }
        }
        try (LocalPostgres again = LocalPostgres.start(home, PASSWORD);
                Connection connection = connect(again.jdbcUrl(), PASSWORD)) {
            assertThat(connection.isValid(5)).as("a restart connects with the password it set").isTrue();
        }
    }

    @Test
    @SuppressWarnings("try") // the home's lock is held, unused, as local mode holds it while it starts PostgreSQL
    void aServerLeftRunningByAKilledLocalModeIsStoppedAndTheHomeStartsAgain() throws Exception {
        Process holder = startHolder();
        try {
            String url = awaitReady(holder);
            long orphan = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
            assertThatThrownBy(() -> HomeLock.acquire(home, "second"))
                    .isInstanceOf(LocalModeException.class)
                    .hasMessage("another Signalbox is running on " + home + ": test holder, pid " + holder.pid()
                            + "; stop it first, or give this one its own SIGNALBOX_HOME");

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the postmaster outlives kill -9")
                    .contains(true);
            assertThat(LocalPostgres.runningPort(home)).isPresent();

            long started = System.nanoTime();
            try (HomeLock lock = HomeLock.acquire(home, "restart");
                    LocalPostgres restarted = LocalPostgres.start(home, PASSWORD);
                    Connection connection = connect(restarted.jdbcUrl(), PASSWORD)) {
                assertThat(connection.isValid(5)).isTrue();
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for a start that cannot succeed")
                        .isLessThan(Duration.ofSeconds(55));
                assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
            }
            assertThat(LocalPostgres.runningPort(home)).isEmpty();
        } finally {
            holder.destroyForcibly();
        }
    }

    private Process startHolder() throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HomeHolder.class.getName(), home.toString(), PASSWORD);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String awaitReady(Process holder) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> {
                    try {
                        output.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the holder was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line.substring("ready ".length());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the holder ended before it was ready:\n" + seen);
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", LocalPostgres.USER);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
