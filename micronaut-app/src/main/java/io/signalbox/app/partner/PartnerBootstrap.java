package io.signalbox.app.partner;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.signalbox.app.tenant.ApiKeyStore;
import io.signalbox.processors.recipe.RecipeException;
import io.signalbox.processors.recipe.Recipes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the configured partners exist at start: each is a tenant of its own name with a partner row holding its
 * default recipe, and the API key configured for it. Settings that cannot work stop the start with a message that
 * names them.
 */
@Singleton
final class PartnerBootstrap implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerBootstrap.class);

    private final PartnerSettings settings;
    private final PartnerRepository partners;
    private final ApiKeyStore keys;

    PartnerBootstrap(PartnerSettings settings, PartnerRepository partners, ApiKeyStore keys) {
        this.settings = settings;
        this.partners = partners;
        this.keys = keys;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        for (String configured : settings.recipes().keySet()) {
            check(settings.names().contains(configured), "signalbox.partners.recipes." + configured
                    + " is set, but \"" + configured + "\" is not in signalbox.partners.names " + settings.names());
        }
        for (String configured : settings.apiKeys().keySet()) {
            check(settings.names().contains(configured), "signalbox.partners.api-keys." + configured
                    + " is set, but \"" + configured + "\" is not in signalbox.partners.names " + settings.names());
        }
        for (String name : settings.names()) {
            check(Partner.NAME.matcher(name).matches(), "signalbox.partners.names: \"" + name + "\" is not a partner"
                    + " name; expected 1 to 32 of a-z, 0-9 and inner '-', such as acme or big-co");
            String recipe = settings.recipes().get(name);
            String preset = null;
            String json = null;
            if (recipe != null) {
                if (recipe.trim().startsWith("{")) {
                    json = validRecipe(name, recipe, true);
                } else {
                    preset = validRecipe(name, recipe.trim(), false);
                }
            }
            keys.ensureTenant(name);
            if (partners.upsert(name, name, preset, json) == 1) {
                LOG.info("partner {} ready: drops into s3 inbox/{}/, results in outbox/{}/, recipe {}", name, name,
                        name, preset != null ? preset : json != null ? "from its settings" : "default");
            }
            String apiKey = settings.apiKeys().get(name);
            if (apiKey != null && !apiKey.isBlank()) {
                try {
                    keys.configure(name, apiKey, "signalbox.partners.api-keys." + name);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(e.getMessage());
                }
            }
        }
    }

    private static String validRecipe(String partner, String recipe, boolean document) {
        try {
            if (document) {
                Recipes.parse(recipe);
            } else {
                Recipes.preset(recipe);
            }
            return recipe;
        } catch (RecipeException e) {
            throw new ConfigurationException("signalbox.partners.recipes." + partner + ": " + e.getMessage(), e);
        }
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new ConfigurationException(problem);
        }
    }
}
