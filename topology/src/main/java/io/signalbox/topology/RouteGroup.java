package io.signalbox.topology;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The route groups a process can start; in AWS each group is its own service. */
public enum RouteGroup {
    API,
    INGEST,
    PROCESS,
    CLEANUP;

    /**
     * Reads a {@code ROUTE_GROUPS} value: {@code all}, or a comma-separated list such as {@code ingest,process}.
     *
     * @param value the setting
     * @return the selected groups, never empty
     * @throws IllegalArgumentException naming the unknown group
     */
    public static Set<RouteGroup> parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("all")) {
            return EnumSet.allOf(RouteGroup.class);
        }
        EnumSet<RouteGroup> groups = EnumSet.noneOf(RouteGroup.class);
        for (String part : trimmed.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                groups.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown route group \"" + name + "\" in ROUTE_GROUPS=\"" + value
                        + "\"; expected \"all\" or a comma list of " + names(), e);
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("ROUTE_GROUPS=\"" + value + "\" names no route group; expected \"all\" or a comma list of " + names());
        }
        return groups;
    }

    /**
     * @return the group's name as written in {@code ROUTE_GROUPS}
     */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(RouteGroup::settingName).collect(Collectors.joining(", "));
    }
}
