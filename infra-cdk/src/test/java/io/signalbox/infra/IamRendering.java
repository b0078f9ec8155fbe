package io.signalbox.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads IAM policy documents of a synthesized template as "action -> resources", with intrinsic functions
 * flattened to readable strings ({@code <LogicalId.Arn>/uploads/*}), so tests can compare whole grants.
 */
final class IamRendering {

    private IamRendering() {
    }

    /** Every Allow statement of the policies attached to the role with the given logical id. */
    static Map<String, Set<String>> grantsOf(SynthesizedProfile synthesized, String roleLogicalId) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (Map<String, Object> policy : synthesized.resources("AWS::IAM::Policy").values()) {
            Map<String, Object> properties = SynthesizedProfile.properties(policy);
            List<?> roles = (List<?>) properties.get("Roles");
            if (roles == null || !roles.contains(Map.of("Ref", roleLogicalId))) {
                continue;
            }
            Map<?, ?> document = (Map<?, ?>) properties.get("PolicyDocument");
            for (Object item : (List<?>) document.get("Statement")) {
                Map<?, ?> statement = (Map<?, ?>) item;
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                Set<String> resources = asList(statement.get("Resource")).stream().map(IamRendering::render)
                        .collect(Collectors.toCollection(TreeSet::new));
                String condition = statement.containsKey("Condition") ? " if " + render(statement.get("Condition")) : "";
                for (Object action : asList(statement.get("Action"))) {
                    grants.computeIfAbsent(action + condition, key -> new TreeSet<>()).addAll(resources);
                }
            }
        }
        return grants;
    }

    static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IamRendering::render).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("Fn::GetAtt")) {
                List<?> parts = (List<?>) map.get("Fn::GetAtt");
                return "<" + parts.get(0) + "." + parts.get(1) + ">";
            }
            if (map.containsKey("Ref")) {
                return "<" + map.get("Ref") + ">";
            }
            if (map.containsKey("Fn::Join")) {
                List<?> join = (List<?>) map.get("Fn::Join");
                return ((List<?>) join.get(1)).stream().map(IamRendering::render)
                        .collect(Collectors.joining(String.valueOf(join.get(0))));
            }
            return new TreeMap<>(map).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + render(entry.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return String.valueOf(value);
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
