package io.signalbox.local;

import io.signalbox.app.tenant.ApiKeyStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local mode's settings, from the environment (so that the launcher and the README can set them).
 *
 * @param home the folder holding everything local mode keeps ({@code SIGNALBOX_HOME}, default {@code ./.signalbox})
 * @param httpPort the REST API's port ({@code SIGNALBOX_PORT}, default 8080)
 * @param s3Port the embedded S3-API server's port ({@code SIGNALBOX_S3_PORT}, default 9000)
 * @param sqsPort the embedded SQS-API server's port ({@code SIGNALBOX_SQS_PORT}, default 9324)
 * @param jmxPort Jolokia's port ({@code SIGNALBOX_JOLOKIA_PORT}, default 8778), or 0 when
 *     {@code SIGNALBOX_JOLOKIA_ENABLED=false}
 * @param apiKey the API key to use ({@code SIGNALBOX_API_KEY}), or empty to keep the one generated on first start
 * @param externalDatabaseUrl a PostgreSQL JDBC URL to use instead of the embedded one ({@code SIGNALBOX_DB_URL})
 * @param partners the partners with a drop folder ({@code SIGNALBOX_PARTNERS}, a comma list, default {@code demo})
 */
record LocalSettings(Path home, int httpPort, int s3Port, int sqsPort, int jmxPort, Optional<String> apiKey,
        Optional<String> externalDatabaseUrl, List<String> partners) {

    static LocalSettings from(Map<String, String> env) {
        return new LocalSettings(
                Path.of(env.getOrDefault("SIGNALBOX_HOME", ".signalbox")).toAbsolutePath().normalize(),
                port(env, "SIGNALBOX_PORT", 8080),
                port(env, "SIGNALBOX_S3_PORT", 9000),
                port(env, "SIGNALBOX_SQS_PORT", 9324),
                "false".equalsIgnoreCase(env.get("SIGNALBOX_JOLOKIA_ENABLED")) ? 0
                        : port(env, "SIGNALBOX_JOLOKIA_PORT", 8778),
                apiKey(env),
                Optional.ofNullable(env.get("SIGNALBOX_DB_URL")).filter(url -> !url.isBlank()),
                Arrays.stream(env.getOrDefault("SIGNALBOX_PARTNERS", "demo").split(","))
                        .map(String::trim).filter(name -> !name.isEmpty()).distinct().toList());
    }

    private static Optional<String> apiKey(Map<String, String> env) {
        Optional<String> key = Optional.ofNullable(env.get("SIGNALBOX_API_KEY")).filter(value -> !value.isBlank());
        if (key.isPresent() && key.get().length() < ApiKeyStore.MIN_KEY_LENGTH) {
            throw new LocalModeException("SIGNALBOX_API_KEY has " + key.get().length() + " characters; an API key"
                    + " needs at least " + ApiKeyStore.MIN_KEY_LENGTH + " (leave it unset and local mode makes one)");
        }
        return key;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new LocalModeException(name + "=\"" + value + "\" is not a port; expected a number from 0 to 65535");
    }
}
