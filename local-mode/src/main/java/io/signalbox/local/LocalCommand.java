package io.signalbox.local;

import io.signalbox.app.shutdown.TerminationSignal;
import io.signalbox.app.tenant.KeysCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of local mode's jar: {@code local} runs Signalbox on this machine; {@code keys} manages API keys
 * in local mode's database. Exit codes: 0 when it was stopped (Ctrl+C, SIGTERM), done or asked for help, 1 when it
 * could not do what was asked for a reason it names, 2 for a command line it does not understand.
 */
@Command(name = "signalbox", mixinStandardHelpOptions = true, versionProvider = LocalCommand.Version.class,
        description = "Signalbox on one machine: the REST API, every route group, an embedded PostgreSQL and embedded"
                + " S3-API and SQS-API servers. Settings come from the environment (docs/configuration.md).",
        subcommands = {LocalCommand.Run.class, CommandLine.HelpCommand.class})
public final class LocalCommand {

    /** Exit code of a start that failed for a reason the message names. */
    static final int CANNOT_START = 1;

    private LocalCommand() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LocalCommand());
        commandLine.addSubcommand("keys", new KeysCommand(() -> LocalDatabase.open(System.getenv())));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            boolean keys = line.getCommandSpec().qualifiedName().startsWith("signalbox keys");
            if (exception instanceof LocalModeException || keys) {
                line.getErr().println("signalbox: " + exception.getMessage());
                return CANNOT_START;
            }
            throw exception;
        });
        return commandLine;
    }

    /** {@code local}: starts everything and runs until stopped. */
    @Command(name = "local", mixinStandardHelpOptions = true,
            description = {"Runs Signalbox on this machine until Ctrl+C: REST API on $SIGNALBOX_PORT (8080), embedded"
                    + " S3-API ($SIGNALBOX_S3_PORT, 9000), SQS-API ($SIGNALBOX_SQS_PORT, 9324) and PostgreSQL, every"
                    + " route group. Everything it keeps is under $SIGNALBOX_HOME (./.signalbox)."})
    static final class Run implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            TerminationSignal.exitThroughShutdownHooks();
            LocalMode.run();
            return 0;
        }
    }

    /** The version of the jar, from its manifest when it has one. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = LocalCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Signalbox " + (version == null ? "(development build)" : version)};
        }
    }
}
