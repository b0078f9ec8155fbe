package io.signalbox.app.tenant;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure the tenant of {@code SIGNALBOX_API_KEY} exists with that key, so a new installation can be used at once. */
@Singleton
@Requires(property = "signalbox.bootstrap.api-key", pattern = ".+")
final class TenantBootstrap implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TenantBootstrap.class);

    private final TenantRepository tenants;
    private final String tenantId;
    private final String apiKey;

    TenantBootstrap(TenantRepository tenants, @Value("${signalbox.bootstrap.tenant}") String tenantId,
            @Value("${signalbox.bootstrap.api-key}") String apiKey) {
        this.tenants = tenants;
        this.tenantId = tenantId;
        this.apiKey = apiKey;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        tenants.insertIfAbsent(tenantId, tenantId);
        if (tenants.insertApiKeyIfAbsent(ApiKeys.hash(apiKey), tenantId, ApiKeys.prefix(apiKey)) == 1) {
            LOG.info("API key {}… added for tenant {}", ApiKeys.prefix(apiKey), tenantId);
        }
    }
}
