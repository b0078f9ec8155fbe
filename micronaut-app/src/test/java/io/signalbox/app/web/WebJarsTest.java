package io.signalbox.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebJarsTest {

    private final WebJars webJars = new WebJars();

    @Test
    void findsAFileOfAWebJarWithoutItsVersion() {
        assertThat(webJars.version("uplot")).hasValueSatisfying(version -> assertThat(version).matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(webJars.resource("uplot", "dist/uPlot.iife.min.js"))
                .isEqualTo("META-INF/resources/webjars/uplot/" + webJars.version("uplot").orElseThrow()
                        + "/dist/uPlot.iife.min.js");
        assertThat(webJars.resource("swagger-ui", "swagger-ui-bundle.js")).isNotNull();
    }

    @Test
    void servesNothingOutsideAWebJar() {
        assertThat(webJars.resource("uplot", "../../../../application.yml")).isNull();
        assertThat(webJars.resource("uplot", "dist/../../swagger-ui/5.0.0/index.html")).isNull();
        assertThat(webJars.resource("uplot", "/etc/passwd")).isNull();
        assertThat(webJars.resource("uplot", "dist\\uPlot.min.css")).isNull();
        assertThat(webJars.resource("..", "uplot/1.6.30/dist/uPlot.min.css")).isNull();
        assertThat(webJars.resource("no-such-library", "index.js")).isNull();
        assertThat(webJars.resource("uplot", "dist/no-such-file.js")).isNull();
        assertThat(webJars.resource("uplot", "")).isNull();
    }
}
