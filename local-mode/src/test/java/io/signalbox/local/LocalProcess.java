package io.signalbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * Local mode in a process of its own, started as {@code ./signalbox local} starts it, so that a test can kill it
 * with {@code kill -9} and start it again on the same home. Its output goes to a file next to the home.
 */
final class LocalProcess implements AutoCloseable {

    static final String API_KEY = "sbx_local_mode_fault_suite_key_0123456789";

    private final Process process;
    private final Path home;
    private final Path log;

    private LocalProcess(Process process, Path home, Path log) {
        this.process = process;
        this.home = home;
        this.log = log;
    }

    /**
     * @param home the home, kept across starts
     * @param ports the REST API's, S3's and SQS's ports, kept across starts
     * @param settings further environment, e.g. short cleanup intervals
     * @param name names the log file
     */
    static LocalProcess start(Path home, int[] ports, Map<String, String> settings, String name) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), LocalCommand.class.getName(), "local"));
        Map<String, String> environment = new HashMap<>(Map.of(
                "SIGNALBOX_HOME", home.toString(),
                "SIGNALBOX_PORT", String.valueOf(ports[0]),
                "SIGNALBOX_S3_PORT", String.valueOf(ports[1]),
                "SIGNALBOX_SQS_PORT", String.valueOf(ports[2]),
                "SIGNALBOX_JOLOKIA_ENABLED", "false",
                "SIGNALBOX_API_KEY", API_KEY));
        environment.putAll(settings);
        try {
            Path log = Files.createDirectories(home.getParent().resolve("logs")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new LocalProcess(builder.start(), home, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] freePorts() {
        int[] ports = new int[3];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            for (ServerSocket socket : sockets) {
                socket.close();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the banner, which comes once every part has started. */
    LocalProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!output().contains("Signalbox is running in local mode")) {
            if (!process.isAlive()) {
                throw new AssertionFailedError("local mode exited with " + process.exitValue() + ":\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("local mode did not start within " + timeout + "; see " + log);
            }
            pause(Duration.ofMillis(250));
        }
        return this;
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionFailedError("local mode did not exit within " + timeout + "; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook runs, the embedded PostgreSQL is left behind. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    long pid() {
        return process.pid();
    }

    JsonNode info() {
        try {
            return new ObjectMapper().readTree(home.resolve("local.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI api() {
        return URI.create(info().at("/api/url").asText() + "/");
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
