package io.signalbox.routes.common;

import io.signalbox.topology.RouteGroup;
import org.apache.camel.RoutesBuilder;

/** Routes that belong to one route group and are started only when that group is selected. */
public interface GroupRoutes extends RoutesBuilder {

    /**
     * @return the group these routes belong to
     */
    RouteGroup group();
}
