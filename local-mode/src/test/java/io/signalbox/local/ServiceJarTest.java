package io.signalbox.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The service's jar, which the image runs, carries none of local mode's embedded servers; local mode's jar carries
 * them all. Both jars are built by the reactor before these tests run.
 */
class ServiceJarTest {

    /** Where S3Proxy, ElasticMQ (and the Pekko it runs on), zonky's embedded PostgreSQL and its binaries live. */
    private static final List<String> LOCAL_ONLY = List.of("org/gaul/s3proxy/", "org/elasticmq/", "org/apache/pekko/",
            "io/zonky/test/db/postgres/", "postgres-linux-", "io/signalbox/localaws/", "io/signalbox/local/");

    @Test
    void theServiceJarHoldsNoEmbeddedServerNorLocalMode() throws IOException {
        List<String> entries = entries("signalbox.service-jar");

        assertThat(entries).as("the service jar's classes").contains("io/signalbox/app/Application.class");
        assertThat(entries).as("entries of local mode's servers in the service jar")
                .noneMatch(entry -> LOCAL_ONLY.stream().anyMatch(entry::contains));
    }

    @Test
    void localModesJarHoldsTheApplicationAndEveryEmbeddedServer() throws IOException {
        List<String> entries = entries("signalbox.local-jar");

        assertThat(entries).contains("io/signalbox/app/Application.class", "io/signalbox/local/LocalCommand.class");
        for (String local : LOCAL_ONLY) {
            assertThat(entries).as("entries with " + local).anyMatch(entry -> entry.contains(local));
        }
    }

    private static List<String> entries(String property) throws IOException {
        assumeTrue(Boolean.getBoolean("signalbox.jars-built"), "runs once the jars are packaged (phase"
                + " integration-test), not in the test phase that -Dtest=ServiceJarTest also selects");
        Path jar = Path.of(System.getProperty(property, "(system property " + property + " not set)"));
        assertThat(Files.isRegularFile(jar)).as(jar + " exists: build it with ./mvnw -pl local-mode -am package")
                .isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
