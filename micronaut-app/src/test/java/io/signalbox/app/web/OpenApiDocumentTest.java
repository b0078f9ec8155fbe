package io.signalbox.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void aNullableStringIsAStringOrNullNotAnObject() {
        Map<String, Object> schema = new Yaml().load("{type: [string, 'null', object]}");
        OpenApiDocument.repair(schema);
        assertThat((List<Object>) schema.get("type")).containsExactly("string", "null");
    }

    @Test
    void aNullableEnumIsItsSchemaOrNull() {
        Map<String, Object> parameter = new Yaml().load(
                "{name: status, schema: {type: 'null', allOf: [{$ref: '#/components/schemas/JobStatus'}]}}");
        OpenApiDocument.repair(parameter);
        assertThat(parameter.get("schema")).isEqualTo(new Yaml().load(
                "{oneOf: [{$ref: '#/components/schemas/JobStatus'}, {type: 'null'}]}"));
    }

    @Test
    void leavesAnObjectThatMayBeNullAlone() {
        Map<String, Object> schema = new Yaml().load("{type: [object, 'null']}");
        OpenApiDocument.repair(schema);
        assertThat(schema.get("type")).isEqualTo(List.of("object", "null"));
    }

    @Test
    void theServedDocumentSaysNoValueIsAnObjectOrAStringAtOnceNorOnlyNull() {
        String yaml = new OpenApiDocument().yaml();
        assertThat(yaml).contains("openapi: 3.1.0").contains("/v1/jobs/{id}:");
        List<Object> types = new ArrayList<>();
        collectTypes(new Yaml().load(yaml), types);
        assertThat(types).isNotEmpty().noneMatch(type -> type instanceof List<?> list && list.contains("object")
                && list.stream().anyMatch(t -> !t.equals("object") && !t.equals("null")));
        assertThat(types).doesNotContain("null with allOf");
    }

    private static void collectTypes(Object node, List<Object> types) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("type") != null) {
                types.add("null".equals(map.get("type")) && map.containsKey("allOf") ? "null with allOf" : map.get("type"));
            }
            map.values().forEach(value -> collectTypes(value, types));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectTypes(value, types));
        }
    }
}
