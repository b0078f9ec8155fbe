package io.signalbox.app.routing;

import io.micronaut.context.annotation.Value;
import io.signalbox.topology.RouteGroup;
import jakarta.inject.Singleton;
import java.util.Set;

/** Which route groups this process runs: {@code ROUTE_GROUPS}, {@code all} by default. */
@Singleton
public final class RouteGroupSettings {

    private final Set<RouteGroup> groups;

    RouteGroupSettings(@Value("${signalbox.route-groups:all}") String routeGroups) {
        this.groups = RouteGroup.parse(routeGroups);
    }

    /**
     * @param group a group
     * @return whether this process runs it
     */
    public boolean runs(RouteGroup group) {
        return groups.contains(group);
    }

    /**
     * @return the groups this process runs
     */
    public Set<RouteGroup> groups() {
        return groups;
    }
}
