package io.signalbox.app.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client under the webhook routes' {@code rest:} producer: camel-http's component, given connections that
 * reach only the addresses {@link GuardedDnsResolver} allows, with connect and read timeouts, and a deadline on each
 * whole attempt. The application uses camel-http for webhooks only.
 */
@Singleton
public final class WebhookHttpClient {

    private final WebhookSettings settings;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledThreadPoolExecutor cutOffs;

    WebhookHttpClient(WebhookSettings settings) {
        this.settings = settings;
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.attemptTimeout());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(GuardedDnsResolver.overSystem(settings.allowPrivateTargets()))
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                        .setSocketTimeout(read).build())
                // Every sender may need a connection at once, even when all go to one host.
                .setMaxConnTotal(settings.maxConcurrency())
                .setMaxConnPerRoute(settings.maxConcurrency())
                .build();
        this.cutOffs = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "webhook-attempt-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.cutOffs.setRemoveOnCancelPolicy(true);
    }

    /**
     * @param http the Camel context's {@code http} component
     */
    public void configure(HttpComponent http) {
        http.setClientConnectionManager(connections);
        http.setHttpClientConfigurer(builder -> builder.addExecInterceptorFirst("signalbox-attempt-deadline",
                new AttemptDeadline(cutOffs, settings.attemptTimeout())));
        http.setConnectionRequestTimeout(settings.attemptTimeout().toMillis());
        http.setFollowRedirects(false);
        http.setCookieManagementDisabled(true);
        http.setUseSystemProperties(false);
    }

    @PreDestroy
    void close() {
        cutOffs.shutdownNow();
        connections.close();
    }
}
