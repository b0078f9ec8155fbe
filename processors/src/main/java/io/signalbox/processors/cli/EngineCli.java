package io.signalbox.processors.cli;

import io.signalbox.processors.BadInputException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The engine on the command line: {@code process} runs a recipe over a file, {@code bench} measures the engine.
 * Every command answers {@code --help} and {@code --version}; options take {@code --opt value} or
 * {@code --opt=value}.
 *
 * <p>Exit codes: 0 done, 1 failed (a file that cannot be read or written, anything unexpected), 2 usage error (the
 * usage follows the message), 3 bad input (the message names the file, line and column or the recipe's JSON path).
 */
@Command(name = "signalbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The Signalbox engine on files and pipes.",
        synopsisSubcommandLabel = "(process | bench)",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed: a file could not be read or written, or something unexpected",
            "2:usage error", "3:bad input: the message names the file, line and column, or the recipe's JSON path"})
public final class EngineCli implements Runnable {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;

    private final Console console;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    EngineCli(InputStream stdin, PrintStream out, PrintStream err) {
        this.console = new Console(stdin, out, err);
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = new EngineCli(System.in, System.out, System.err).execute(args);
        System.out.flush();
        System.exit(code);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given; expected process or "
                + "bench");
    }

    int execute(String[] args) {
        CommandLine cli = new CommandLine(this)
                .addSubcommand(new ProcessCommand(console))
                .addSubcommand(new BenchCommand(console))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(EngineCli::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
        return cli.execute(args);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("signalbox: " + e.getMessage());
        command.usage(command.getErr());
        return USAGE;
    }

    private static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        if (e instanceof CommandLine.ParameterException usage) {
            return usageError(usage, new String[0]);
        }
        if (e instanceof BadInputException) {
            err.println("signalbox: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException io) {
            err.println("signalbox: " + io.getMessage() + ": " + io.getCause().getMessage());
            return FAILED;
        }
        err.println("signalbox: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return FAILED;
    }
}
