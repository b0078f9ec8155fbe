package io.signalbox.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides, as IAM would, whether a role's identity policies allow one request: an action on a resource with the
 * request's condition keys. It reads the policy statements of a synthesized template, with every intrinsic function
 * resolved to a concrete value first. Only what Signalbox's policies use is understood (Allow and Deny; Action and
 * Resource with {@code *} and {@code ?}; StringEquals and StringLike); anything else fails the test loudly instead of
 * being guessed.
 */
final class IamPolicySimulator {

    /**
     * @param action such as {@code s3:GetObject}
     * @param resource the resource's ARN
     * @param context condition keys of the request, such as {@code s3:prefix}
     */
    record Request(String action, String resource, Map<String, String> context) {
        @Override
        public String toString() {
            return action + " on " + resource + (context.isEmpty() ? "" : " with " + context);
        }
    }

    private final List<Map<?, ?>> statements;

    /**
     * @param policies the role's policy documents, already resolved to plain values
     */
    IamPolicySimulator(List<Map<?, ?>> policies) {
        statements = new ArrayList<>();
        for (Map<?, ?> document : policies) {
            for (Object statement : asList(document.get("Statement"))) {
                statements.add((Map<?, ?>) statement);
            }
        }
    }

    /**
     * @param template the synthesized template
     * @param roleLogicalId the role
     * @param resolve turns intrinsic functions into plain values
     * @return a simulator of the identity policies attached to the role
     */
    static IamPolicySimulator ofRole(Map<String, Map<String, Object>> policies, String roleLogicalId,
            Function<Object, Object> resolve) {
        List<Map<?, ?>> documents = new ArrayList<>();
        for (Map<String, Object> policy : policies.values()) {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            List<?> roles = (List<?>) properties.get("Roles");
            if (roles != null && roles.contains(Map.of("Ref", roleLogicalId))) {
                documents.add((Map<?, ?>) resolve.apply(properties.get("PolicyDocument")));
            }
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no policy is attached to the role " + roleLogicalId);
        }
        return new IamPolicySimulator(documents);
    }

    /** Allowed when a statement allows the request and none denies it. */
    boolean allows(Request request) {
        boolean allowed = false;
        for (Map<?, ?> statement : statements) {
            if (statement.containsKey("NotAction") || statement.containsKey("NotResource")
                    || statement.containsKey("NotPrincipal")) {
                throw new IllegalStateException("NotAction, NotResource and NotPrincipal are not simulated: "
                        + statement);
            }
            if (!matchesAny(statement.get("Action"), request.action(), true)
                    || !matchesAny(statement.get("Resource"), request.resource(), false)
                    || !conditionsHold(statement.get("Condition"), request.context())) {
                continue;
            }
            if ("Deny".equals(statement.get("Effect"))) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static boolean matchesAny(Object patterns, String value, boolean ignoreCase) {
        for (Object pattern : asList(patterns)) {
            if (glob(String.valueOf(pattern), ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(Object conditions, Map<String, String> context) {
        if (conditions == null) {
            return true;
        }
        for (Map.Entry<?, ?> operator : ((Map<?, ?>) conditions).entrySet()) {
            boolean like = switch (String.valueOf(operator.getKey())) {
                case "StringLike" -> true;
                case "StringEquals" -> false;
                default -> throw new IllegalStateException("condition operator " + operator.getKey()
                        + " is not simulated");
            };
            for (Map.Entry<?, ?> key : ((Map<?, ?>) operator.getValue()).entrySet()) {
                String actual = context.get(String.valueOf(key.getKey()));
                if (actual == null) {
                    return false;
                }
                boolean any = asList(key.getValue()).stream().map(String::valueOf)
                        .anyMatch(expected -> like ? glob(expected, false).matcher(actual).matches()
                                : expected.equals(actual));
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Pattern glob(String pattern, boolean ignoreCase) {
        String regex = pattern.chars().mapToObj(c -> switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf((char) c));
        }).collect(Collectors.joining());
        return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
