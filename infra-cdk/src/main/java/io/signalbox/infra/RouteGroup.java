package io.signalbox.infra;

/** The route groups of the application; each runs as its own Fargate service with {@code ROUTE_GROUPS} set. */
public enum RouteGroup {
    API("api"),
    INGEST("ingest"),
    PROCESS("process"),
    CLEANUP("cleanup");

    private final String value;

    RouteGroup(String value) {
        this.value = value;
    }

    /** The value of {@code ROUTE_GROUPS} that starts this group. */
    public String value() {
        return value;
    }

    /** Construct id of the group's service, e.g. {@code ApiService}. */
    public String serviceId() {
        return Character.toUpperCase(value.charAt(0)) + value.substring(1) + "Service";
    }
}
