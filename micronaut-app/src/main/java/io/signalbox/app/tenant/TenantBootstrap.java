package io.signalbox.app.tenant;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@code SIGNALBOX_API_KEY} the key of its tenant (which it creates if need be), so a new installation can be
 * used at once; a changed key revokes the one configured before. A key shorter than
 * {@value ApiKeyStore#MIN_KEY_LENGTH} characters is refused at start.
 */
@Singleton
@Requires(property = "signalbox.bootstrap.api-key", pattern = ".+")
final class TenantBootstrap implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TenantBootstrap.class);

    private final ApiKeyStore keys;
    private final String tenantId;
    private final String apiKey;

    TenantBootstrap(ApiKeyStore keys, @Value("${signalbox.bootstrap.tenant}") String tenantId,
            @Value("${signalbox.bootstrap.api-key}") String apiKey) {
        this.keys = keys;
        this.tenantId = tenantId;
        this.apiKey = apiKey;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        keys.ensureTenant(tenantId);
        List<String> revoked;
        try {
            revoked = keys.configure(tenantId, apiKey, "SIGNALBOX_API_KEY (signalbox.bootstrap.api-key)");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        LOG.info("API key {}… is the configured key of tenant {}{}", ApiKeys.prefix(apiKey), tenantId,
                revoked.isEmpty() ? "" : "; revoked the key it replaces, " + String.join(", ", revoked));
    }
}
