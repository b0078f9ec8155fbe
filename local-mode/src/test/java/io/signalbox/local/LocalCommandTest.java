package io.signalbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of local mode's jar answers help and mistakes without starting anything. */
class LocalCommandTest {

    @Test
    void helpOfEveryCommandExitsZeroWithItsUsage() {
        assertThat(run("--help")).startsWith("0 ").contains("Usage: signalbox").contains("local").contains("keys");
        assertThat(run("local", "--help")).startsWith("0 ").contains("Usage: signalbox local")
                .contains("$SIGNALBOX_HOME");
        assertThat(run("keys", "revoke", "--help")).startsWith("0 ").contains("--tenant").contains("ID");
        assertThat(run("--version")).startsWith("0 ").contains("Signalbox");
    }

    @Test
    void anUnknownCommandOrOptionExitsTwo() {
        assertThat(run("serve")).startsWith("2 ").contains("Unmatched argument at index 0: 'serve'");
        assertThat(run("local", "--port=1")).startsWith("2 ").contains("Unknown option: '--port=1'");
    }

    private static String run(String... arguments) {
        CommandLine commandLine = LocalCommand.commandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        int exitCode = commandLine.execute(arguments);
        return exitCode + " " + out;
    }
}
