package io.signalbox.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stack lets the page's origin call the API with two environment variables; Micronaut must read them as the
 * CORS configuration its filter uses.
 */
class CorsFromEnvironmentTest {

    @Test
    void readsThePagesOriginFromTheStacksEnvironmentVariables() {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .propertySources(PropertySource.of("stack", Map.of(
                        "MICRONAUT_SERVER_CORS_ENABLED", "true",
                        "MICRONAUT_SERVER_CORS_CONFIGURATIONS_WEB_ALLOWED_ORIGINS", "https://d111111abcdef8.cloudfront.net"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE, PropertySource.Origin.of("stack")))
                .build();
        Environment environment = context.getEnvironment();
        environment.start();
        try {
            assertThat(environment.getProperty("micronaut.server.cors.enabled", Boolean.class)).contains(true);
            assertThat(environment.getProperty("micronaut.server.cors.configurations.web.allowed-origins",
                    Argument.listOf(String.class)).orElseThrow())
                    .containsExactly("https://d111111abcdef8.cloudfront.net");
        } finally {
            environment.stop();
        }
    }
}
