package io.signalbox.processors.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process talks to a person at a terminal, which decides if a progress bar is drawn. */
final class Terminal {

    private Terminal() {
    }

    /** @return true when standard output and standard error are both a terminal */
    static boolean interactive() {
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            return terminal(fds.resolve("1")) && terminal(fds.resolve("2"));
        }
        return System.console() != null;
    }

    private static boolean terminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
