package io.signalbox.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.signalbox.infra.construct.PartnerAccount;

class DeploymentSettingsTest {

    @TempDir
    Path root;

    @Test
    void defaultsToNoPartnersNoExtraBrowserOriginsTheLightLoadBudgetAndADayOfRetention() {
        DeploymentSettings settings = read(DeploymentProfile.FREE, Map.of());
        assertThat(settings.partners()).isEmpty();
        assertThat(settings.domain()).isEmpty();
        assertThat(settings.alarmEmail()).isEmpty();
        assertThat(settings.webDirectory()).isEmpty();
        assertThat(settings.imageDirectory()).isEqualTo(root);
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.budgetUsd()).isEqualTo(25);
        assertThat(settings.corsOrigins()).isEmpty();
        assertThat(settings.retentionSetting()).isEqualTo("24h");
        assertThat(settings.pickupGraceSetting()).isEqualTo("10m");
        assertThat(settings.expireAfterDays()).isEqualTo(2);
    }

    @Test
    void refusesAScaleProfileWithoutACertificateSinceItsLoadBalancerSpeaksHttpsOnly() {
        assertThatThrownBy(() -> read(DeploymentProfile.SCALE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile 'scale' serves the API over HTTPS only; give the context values 'domainName'"
                        + " and 'certificateArn'");
    }

    @Test
    void readsPartnersAsACommaList() {
        DeploymentSettings settings = read(DeploymentProfile.FREE, Map.of("partners", "acme, globex:444455556666"));
        assertThat(settings.partners()).containsExactly(new PartnerAccount("acme", Optional.empty()),
                new PartnerAccount("globex", Optional.of("444455556666")));
    }

    @Test
    void readsPartnerRecipesAsPresetsOnTheCommandLineOrDocumentsInCdkJson() {
        assertThat(read(DeploymentProfile.FREE, Map.of("partners", "acme,big-co",
                "partnerRecipes", "acme=indicators, big-co=default")).partnerRecipes())
                .containsExactly(Map.entry("acme", "indicators"), Map.entry("big-co", "default"));
        assertThat(read(DeploymentProfile.FREE, Map.of("partners", List.of("acme"),
                "partnerRecipes", Map.of("acme", " {\"version\": 1} "))).partnerRecipes())
                .containsExactly(Map.entry("acme", "{\"version\": 1}"));
        assertThat(read(DeploymentProfile.FREE, Map.of("partners", "acme")).partnerRecipes()).isEmpty();
        assertThat(read(DeploymentProfile.FREE, Map.of("partners", "acme, globex:444455556666"))
                .partnerNamesSetting()).isEqualTo("acme,globex");
    }

    @Test
    void rejectsARecipeForSomeoneWhoIsNotAPartner() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "acme",
                "partnerRecipes", "globex=indicators")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'partnerRecipes': 'globex' is not a partner; the partners are [acme]");
    }

    @Test
    void rejectsARecipeThatIsNeitherAPresetNameNorADocument() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "acme",
                "partnerRecipes", "acme=Indicators!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'partnerRecipes': the recipe of 'acme' is 'Indicators!'; expected a preset's"
                        + " name such as indicators, or a recipe document {...}");
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "acme",
                "partnerRecipes", "acme")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'partnerRecipes': 'acme' is invalid; expected partner=preset, such as"
                        + " acme=indicators");
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "acme",
                "partnerRecipes", Map.of("acme", Map.of("version", 1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'partnerRecipes': the recipe of 'acme' must be a string: a preset's name, or a"
                        + " recipe document written as a string");
    }

    @Test
    void rejectsARecipeTooLargeForTheTaskDefinition() {
        String huge = "{\"version\": 1, \"note\": \"" + "x".repeat(9000) + "\"}";
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "acme",
                "partnerRecipes", Map.of("acme", huge))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'partnerRecipes': the recipe of 'acme' has " + huge.length() + " characters; at"
                        + " most 8192 fit in the task definition");
    }

    @Test
    void roundsTheRetentionUpToWholeDaysPlusOneForTheLifecycleRule() {
        DeploymentSettings settings = read(DeploymentProfile.FREE, Map.of("retention", "36h"));
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(36));
        assertThat(settings.expireAfterDays()).isEqualTo(3);
        assertThat(read(DeploymentProfile.FREE, Map.of("retention", "7d")).retentionSetting()).isEqualTo("7d");
    }

    @Test
    void servesTheWebPageWhenTheDirectoryHasAnIndex() throws IOException {
        Path web = Files.createDirectories(root.resolve(DeploymentSettings.DEFAULT_WEB_DIRECTORY));
        Files.writeString(web.resolve("index.html"), "<title>x</title>");
        assertThat(read(DeploymentProfile.FREE, Map.of()).webDirectory()).contains(web);
    }

    @Test
    void rejectsAPartnerListedTwice() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "acme,acme")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'partners': partner 'acme' is listed twice");
    }

    @Test
    void namesTheContextKeyOfAMalformedPartner() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("partners", "Acme Corp")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context 'partners': partner name 'Acme Corp' is invalid");
    }

    @Test
    void rejectsADomainWithoutCertificate() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("domainName", "api.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'domainName' and 'certificateArn' go together; got only 'domainName'");
    }

    @Test
    void rejectsARetentionWithoutUnit() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("retention", "24")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'retention': '24' is invalid; expected a number followed by m, h or d, e.g. 24h");
    }

    @Test
    void rejectsABudgetThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("budgetUsd", "12.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'budgetUsd': '12.5' is not a whole number of dollars");
    }

    @Test
    void rejectsAnOriginWithAPath() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("corsOrigins", "https://app.example.com/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context 'corsOrigins': 'https://app.example.com/x' is invalid");
    }

    @Test
    void rejectsAnUnknownRegion() {
        assertThatThrownBy(() -> read(DeploymentProfile.FREE, Map.of("region", "moon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'region': 'moon' is not an AWS region such as us-east-1");
    }

    @Test
    void rejectsAnUnknownProfile() {
        assertThatThrownBy(() -> DeploymentProfile.fromId("large"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context 'profile': unknown profile 'large'; expected one of free, scale");
    }

    @Test
    void acceptsPartnersGivenAsAJsonListInCdkJson() {
        assertThat(read(DeploymentProfile.FREE, Map.of("partners", List.of("acme", "globex"))).partners())
                .extracting(PartnerAccount::name).containsExactly("acme", "globex");
    }

    private DeploymentSettings read(DeploymentProfile profile, Map<String, Object> context) {
        return DeploymentSettings.fromContext(profile, context::get, root);
    }
}
