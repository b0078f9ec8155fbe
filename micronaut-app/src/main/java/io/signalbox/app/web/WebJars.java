package io.signalbox.app.web;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the files of the WebJars on the classpath by name, without their version: the page and the API docs ask for
 * {@code /webjars/uplot/dist/uPlot.iife.min.js}, and the version comes from the jar that the build put there.
 */
@Singleton
public final class WebJars {

    private static final List<String> GROUPS = List.of("org.webjars.npm", "org.webjars");
    private static final String ROOT = "META-INF/resources/webjars/";

    private final ClassLoader classLoader = WebJars.class.getClassLoader();
    private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();

    /**
     * @param name the WebJar's name, e.g. {@code uplot}
     * @return its version on the classpath, if it is there
     */
    public Optional<String> version(String name) {
        return versions.computeIfAbsent(name, this::findVersion);
    }

    /**
     * @param name the WebJar's name
     * @param path a file's path inside the WebJar, e.g. {@code dist/uPlot.min.css}
     * @return the file's classpath resource name, or {@code null} when the WebJar or the path is not one
     */
    public @Nullable String resource(String name, String path) {
        if (!name.matches("[a-z0-9][a-z0-9._-]*") || path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || List.of(path.split("/")).stream().anyMatch(segment -> segment.isEmpty() || segment.equals("..")
                        || segment.equals("."))) {
            return null;
        }
        return version(name).map(version -> ROOT + name + "/" + version + "/" + path)
                .filter(resource -> classLoader.getResource(resource) != null)
                .orElse(null);
    }

    private Optional<String> findVersion(String name) {
        for (String group : GROUPS) {
            try (InputStream in = classLoader.getResourceAsStream("META-INF/maven/" + group + "/" + name + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return Optional.ofNullable(properties.getProperty("version"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the version of WebJar " + name, e);
            }
        }
        return Optional.empty();
    }
}
