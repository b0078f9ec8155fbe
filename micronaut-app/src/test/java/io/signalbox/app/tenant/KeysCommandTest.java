package io.signalbox.app.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signalbox.app.JobStoreContext;
import io.signalbox.fixtures.db.PostgresSchemaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;

/** {@code keys create|list|revoke} against a migrated job store, as an operator runs it. */
class KeysCommandTest {

    @RegisterExtension
    static final PostgresSchemaExtension DATABASE = new PostgresSchemaExtension();

    private static ApplicationContext application;

    @BeforeAll
    static void migrate() {
        application = JobStoreContext.start(DATABASE, Map.of());
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @Test
    void createPrintsANewKeyOnceListShowsItsIdAndRevokeRetiresIt() {
        Run created = run("create", "--tenant", "initech");
        assertThat(created.exitCode()).isZero();
        String key = created.out().strip();
        assertThat(key).startsWith("sbx_").hasSizeGreaterThanOrEqualTo(ApiKeyStore.MIN_KEY_LENGTH);
        String id = ApiKeys.hash(key).substring(0, ApiKeyStore.ID_LENGTH);
        assertThat(created.err()).contains(id).contains("shown this once");
        assertThat(application.getBean(TenantRepository.class).findByApiKeyHash(ApiKeys.hash(key))).isPresent();

        Run listed = run("list", "--tenant", "initech");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains(id).contains(ApiKeys.prefix(key)).contains("command").doesNotContain(key);

        Run revoked = run("revoke", "--tenant", "initech", id.substring(0, 8));
        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).contains("revoked key " + id + " of tenant initech");
        assertThat(application.getBean(TenantRepository.class).findByApiKeyHash(ApiKeys.hash(key))).isEmpty();

        Run again = run("revoke", "--tenant", "initech", id);
        assertThat(again.exitCode()).isEqualTo(KeysCommand.REFUSED);
        assertThat(again.err()).contains("tenant initech has no live key " + id);
    }

    @Test
    void anotherTenantsKeyCannotBeRevokedByNamingIt() {
        String key = run("create", "--tenant", "hooli").out().strip();

        Run revoked = run("revoke", "--tenant", "initech", key);

        assertThat(revoked.exitCode()).isEqualTo(KeysCommand.REFUSED);
        assertThat(application.getBean(TenantRepository.class).findByApiKeyHash(ApiKeys.hash(key))).isPresent();
    }

    @Test
    void helpExitsZeroAndABadCommandLineExitsTwoNamingTheProblem() {
        assertThat(run("--help").exitCode()).isZero();
        assertThat(run("create", "--help").out()).contains("--tenant");

        Run noTenant = run("create");
        assertThat(noTenant.exitCode()).isEqualTo(2);
        assertThat(noTenant.err()).contains("Missing required option: '--tenant=TENANT'");

        Run badTenant = run("list", "--tenant", "Not A Tenant");
        assertThat(badTenant.exitCode()).isEqualTo(2);
        assertThat(badTenant.err()).contains("--tenant \"Not A Tenant\" is not a tenant id");

        Run shortId = run("revoke", "--tenant", "initech", "abc");
        assertThat(shortId.exitCode()).isEqualTo(KeysCommand.REFUSED);
        assertThat(shortId.err()).contains("\"abc\" is not a key id");
    }

    private static Run run(String... arguments) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(DATABASE.jdbcUrl());
        source.setUser(DATABASE.user());
        if (!DATABASE.password().isEmpty()) {
            source.setPassword(DATABASE.password());
        }
        CommandLine commandLine = KeysCommand.commandLine(new KeysCommand(() -> KeysCommand.Session.of(source)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
