package io.signalbox.app.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.signalbox.app.tenant.ApiKeys;
import io.signalbox.app.tenant.TenantRepository;
import io.signalbox.fixtures.db.TestDatabase;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partners come from configuration: each is made a tenant with its default recipe and API key at start. */
class PartnerBootstrapTest {

    private static final TestDatabase PG = TestDatabase.get();

    private final String schema = "partners_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createSchema() throws SQLException {
        PG.execute("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        PG.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private ApplicationContext start(Map<String, Object> partners) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", PG.url(schema),
                "datasources.default.username", PG.user(),
                "datasources.default.password", PG.password(),
                "flyway.datasources.default.schemas", schema,
                "signalbox.route-groups", "api",
                "signalbox.storage.endpoint", "http://127.0.0.1:9",
                "signalbox.aws.access-key-id", "unused",
                "signalbox.aws.secret-access-key", "unused"));
        properties.putAll(partners);
        return ApplicationContext.run(properties);
    }

    @Test
    void makesEachConfiguredPartnerATenantWithItsRecipeAndApiKey() {
        String key = ApiKeys.generate();
        try (ApplicationContext context = start(Map.of(
                "signalbox.partners.names", "acme, big-co",
                "signalbox.partners.recipes.big-co", "{\"version\": 1}",
                "signalbox.partners.api-keys.acme", key))) {
            PartnerRepository partners = context.getBean(PartnerRepository.class);

            assertThat(partners.findAll()).extracting(Partner::name).containsExactly("acme", "big-co");
            Partner acme = partners.findById("acme").orElseThrow();
            assertThat(acme.tenantId()).isEqualTo("acme");
            assertThat(acme.recipePreset()).isNull();
            assertThat(acme.recipeJson()).isNull();
            assertThat(partners.findById("big-co").orElseThrow().recipeJson()).isEqualTo("{\"version\": 1}");
            assertThat(context.getBean(TenantRepository.class).findByApiKeyHash(ApiKeys.hash(key)))
                    .hasValueSatisfying(tenant -> assertThat(tenant.id()).isEqualTo("acme"));
        }
    }

    @Test
    void refusesToStartWithARecipeThatIsNoPresetNamingTheSetting() {
        assertThatThrownBy(() -> start(Map.of(
                "signalbox.partners.names", "acme",
                "signalbox.partners.recipes.acme", "no-such-preset")).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("signalbox.partners.recipes.acme: recipe $: unknown preset \"no-such-preset\"");
    }

    @Test
    void refusesToStartWithAPartnerNameThatCannotBeAPrefixNamingTheName() {
        assertThatThrownBy(() -> start(Map.of("signalbox.partners.names", "Acme_Corp")).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("signalbox.partners.names: \"Acme_Corp\" is not a partner name; expected 1 to 32 of a-z,"
                        + " 0-9 and inner '-', such as acme or big-co");
    }

    @Test
    void refusesToStartWithARecipeForAPartnerThatIsNotConfigured() {
        assertThatThrownBy(() -> start(Map.of(
                "signalbox.partners.names", "acme",
                "signalbox.partners.recipes.globex", "default")).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("signalbox.partners.recipes.globex is set, but \"globex\" is not in"
                        + " signalbox.partners.names [acme]");
    }
}
