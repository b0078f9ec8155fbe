package io.signalbox.app.jmx;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jolokia.core.api.LogHandler;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.SystemPropertyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the platform MBean server over HTTP with Jolokia, so that hawtio shows the Camel context {@code signalbox},
 * its routes, processors and consumers, and can stop, start and suspend routes. Started with the application, in
 * local mode and in the container alike.
 */
@Context
@Requires(property = "signalbox.jolokia.enabled", value = "true", defaultValue = "true")
public final class JolokiaAgent {

    private static final Logger LOG = LoggerFactory.getLogger(JolokiaAgent.class);

    private final JolokiaServer server;

    JolokiaAgent(JolokiaSettings settings) {
        Map<String, String> config = new HashMap<>();
        config.put("host", settings.host());
        config.put("port", Integer.toString(settings.port()));
        config.put("agentContext", "/jolokia");
        config.put("discoveryEnabled", "false");
        config.put("executor", "fixed");
        config.put("threadNr", "2");
        config.put("threadNamePrefix", "jolokia-");
        if (settings.authenticated()) {
            config.put("user", settings.user());
            config.put("password", settings.password());
        }
        try {
            // NEVER: jolokia.* system properties must not loosen what these settings say.
            server = new JolokiaServer(new JolokiaServerConfig(config, SystemPropertyMode.NEVER), new Slf4jLog());
        } catch (IOException e) {
            throw new UncheckedIOException("JMX over HTTP (Jolokia) could not listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        server.start();
        LOG.info("JMX over HTTP (Jolokia) at {}{}", url(), settings.authenticated() ? " with basic authentication" : "");
    }

    /**
     * @return the agent's URL, e.g. {@code http://127.0.0.1:8778/jolokia/}
     */
    public URI url() {
        var address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/jolokia/");
    }

    @PreDestroy
    void stop() {
        try {
            server.stop();
        } catch (IllegalStateException e) {
            // The JVM is shutting down, so the agent's hook cannot be removed; that hook stops the agent itself.
            LOG.debug("Jolokia stops with the JVM: {}", e.getMessage());
        }
    }

    /** Jolokia's own messages, through the application's logging. */
    private static final class Slf4jLog implements LogHandler {

        private static final Logger JOLOKIA = LoggerFactory.getLogger("org.jolokia");

        @Override
        public void debug(String message) {
            JOLOKIA.debug(message);
        }

        @Override
        public void info(String message) {
            JOLOKIA.info(message);
        }

        @Override
        public void error(String message, Throwable cause) {
            JOLOKIA.error(message, cause);
        }

        @Override
        public boolean isDebug() {
            return JOLOKIA.isDebugEnabled();
        }
    }
}
