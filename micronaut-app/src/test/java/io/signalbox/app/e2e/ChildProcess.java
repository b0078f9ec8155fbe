package io.signalbox.app.e2e;

import io.signalbox.app.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * The application in a process of its own, started the way the container starts it ({@code java} running
 * {@link Application#main}), so that it can be sent real signals. Its output goes to a file under
 * {@code target/}.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final URI base;

    private ChildProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * @param settings the application's settings, passed as system properties
     * @param name names the log file
     */
    static ChildProcess start(Map<String, Object> settings, String name) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dmicronaut.server.port=" + port);
        command.add(Application.class.getName());
        try {
            Path log = Files.createDirectories(Path.of("target", "child-processes")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildProcess(process, log, URI.create("http://127.0.0.1:" + port + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return base;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as ECS does to stop a task. */
    void terminate() {
        process.destroy();
    }

    /**
     * @return the exit status
     */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionFailedError("the process did not exit within " + timeout + "; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** @return a loopback port nothing listens on now */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
