package io.signalbox.app.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real JVM that asked for it: the process exits 0 through its shutdown hooks, where the JVM's own
 * handling of the signal exits 143.
 */
class TerminationSignalTest {

    @Test
    void sigtermExitsZeroThroughTheShutdownHooks(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("probe.log");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!Files.readString(output).contains("ready") && child.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(Files.readString(output)).as("the probe's output").contains("ready");

            child.destroy();

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the probe exited").isTrue();
            String log = Files.readString(output);
            assertThat(child.exitValue()).as("exit status; output: %s", log).isZero();
            assertThat(log).contains("shutdown hook ran");
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The child: handles SIGTERM as local mode does, then waits to be stopped. */
    static final class Probe {

        private Probe() {
        }

        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            TerminationSignal.exitThroughShutdownHooks();
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }
}
