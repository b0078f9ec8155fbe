package io.signalbox.app.web;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document that the build generated from the controllers, read once and repaired where the generator
 * is wrong.
 *
 * <p>WORKAROUND: micronaut-openapi 6.20 writes an OpenAPI 3.1 nullable value as {@code type: [string, "null",
 * object]} (it adds {@code object} because a 3.1 schema keeps its type in a list) and a nullable enum parameter as
 * {@code type: "null"} beside {@code allOf: [$ref]}. Both would tell clients that the value may be an object or only
 * null. Here the stray {@code object} goes, and the enum becomes {@code oneOf: [$ref, {type: "null"}]}.
 */
@Singleton
final class OpenApiDocument {

    private final String yaml;

    OpenApiDocument() {
        this(ApiDocsController.DOCUMENT);
    }

    OpenApiDocument(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application's jar; rebuild it");
            }
            Object document = new Yaml().load(in);
            repair(document);
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setWidth(120);
            yaml = new Yaml(options).dump(document);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /**
     * @return the document as YAML
     */
    String yaml() {
        return yaml;
    }

    @SuppressWarnings("unchecked")
    static void repair(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> schema = (Map<String, Object>) map;
            Object type = schema.get("type");
            if (type instanceof List<?> types && types.contains("null") && types.contains("object") && types.size() > 2) {
                List<Object> kept = new ArrayList<>(types);
                kept.remove("object");
                schema.put("type", kept);
            }
            if ("null".equals(type) && schema.get("allOf") instanceof List<?> all && all.size() == 1) {
                List<Object> oneOf = new ArrayList<>(all);
                Map<String, Object> nothing = new LinkedHashMap<>();
                nothing.put("type", "null");
                oneOf.add(nothing);
                schema.remove("type");
                schema.remove("allOf");
                schema.put("oneOf", oneOf);
            }
            map.values().forEach(OpenApiDocument::repair);
        } else if (node instanceof List<?> list) {
            list.forEach(OpenApiDocument::repair);
        }
    }
}
