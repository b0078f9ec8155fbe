package io.signalbox.app.tenant;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke --tenant T}: API keys in the configured database, for operators. A key is printed
 * once, when it is made; only its hash is kept. A revoked key fails from the next request on. Exit codes: 0 done,
 * 1 refused (no such key, the database said no), 2 a command line it does not understand.
 *
 * <p>This main reads the service's database settings ({@code datasources.default.*}: {@code SIGNALBOX_DB_HOST},
 * {@code _PORT}, {@code _NAME}, {@code _USERNAME}, {@code _PASSWORD}); local mode's jar runs the same command against
 * local mode's database.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "API keys of a tenant in Signalbox's database: create (printed once), list, revoke.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {

    /** Exit code when the database refused or the key was not found. */
    public static final int REFUSED = 1;

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database database;

    /**
     * @param database opens the database when a sub-command runs (never for {@code --help})
     */
    public KeysCommand(Database database) {
        this.database = database;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new KeysCommand(KeysCommand::configuredDatabase)).execute(args));
    }

    /**
     * @param keys the command
     * @return its command line, which answers a failure of the database with one line and exit code 1
     */
    public static CommandLine commandLine(KeysCommand keys) {
        CommandLine commandLine = new CommandLine(keys);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("signalbox keys: " + exception.getMessage());
            return REFUSED;
        });
        return commandLine;
    }

    private static Session configuredDatabase() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(environment.getRequiredProperty("datasources.default.url", String.class));
            source.setUser(environment.getProperty("datasources.default.username", String.class).orElse("postgres"));
            environment.getProperty("datasources.default.password", String.class).filter(p -> !p.isEmpty())
                    .ifPresent(source::setPassword);
            return Session.of(source);
        }
    }

    /** Opens the database the keys are in. */
    @FunctionalInterface
    public interface Database {
        /**
         * @return an open session; closing it releases what opening it started
         * @throws Exception when the database cannot be reached
         */
        Session open() throws Exception;
    }

    /** The database while a sub-command runs. */
    public interface Session extends AutoCloseable {

        /**
         * @return where the keys are
         */
        DataSource dataSource();

        @Override
        void close();

        /**
         * @param dataSource a database that needs nothing closed
         * @return a session over it
         */
        static Session of(DataSource dataSource) {
            return new Session() {
                @Override
                public DataSource dataSource() {
                    return dataSource;
                }

                @Override
                public void close() {
                    // nothing was started
                }
            };
        }
    }

    private abstract static class TenantCommand implements Callable<Integer> {

        @ParentCommand
        KeysCommand keys;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT",
                description = "the tenant, e.g. acme (1 to 63 of a-z, 0-9 and '-')")
        String tenant;

        @Override
        public final Integer call() throws Exception {
            if (!TENANT.matcher(tenant).matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tenant \"" + tenant + "\" is not a"
                        + " tenant id; expected 1 to 63 of a-z, 0-9 and '-', starting with a letter or digit");
            }
            try (Session session = keys.database.open()) {
                return run(new ApiKeyStore(session.dataSource()), spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
        }

        abstract int run(ApiKeyStore store, PrintWriter out, PrintWriter err);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Makes a key for the tenant (and the tenant, if it is new) and prints it once.")
    static final class Create extends TenantCommand {

        @Override
        int run(ApiKeyStore store, PrintWriter out, PrintWriter err) {
            String key = store.create(tenant);
            out.println(key);
            err.println("Key " + ApiKeys.hash(key).substring(0, ApiKeyStore.ID_LENGTH) + " of tenant " + tenant
                    + ": shown this once; Signalbox keeps only its hash.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the tenant's keys by id (never the keys themselves), revoked ones too.")
    static final class ListKeys extends TenantCommand {

        @Override
        int run(ApiKeyStore store, PrintWriter out, PrintWriter err) {
            List<ApiKeyStore.Key> all = store.list(tenant);
            out.printf("%-12s  %-10s  %-10s  %-20s  %s%n", "ID", "PREFIX", "ORIGIN", "CREATED", "REVOKED");
            for (ApiKeyStore.Key key : all) {
                out.printf("%-12s  %-10s  %-10s  %-20s  %s%n", key.id(), key.prefix(), key.origin(),
                        TIME.format(key.createdAt()), key.revokedAt().map(TIME::format).orElse("-"));
            }
            if (all.isEmpty()) {
                err.println("tenant " + tenant + " has no keys");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes one of the tenant's keys; requests with it fail from the next one on.")
    static final class Revoke extends TenantCommand {

        @Parameters(paramLabel = "ID", description = "the key's id as `keys list` shows it, or the key itself")
        String id;

        @Override
        int run(ApiKeyStore store, PrintWriter out, PrintWriter err) {
            Optional<String> revoked = store.revoke(tenant, id);
            if (revoked.isEmpty()) {
                err.println("signalbox keys: tenant " + tenant + " has no live key " + id + " (see keys list)");
                return REFUSED;
            }
            out.println("revoked key " + revoked.get() + " of tenant " + tenant);
            return 0;
        }
    }
}
