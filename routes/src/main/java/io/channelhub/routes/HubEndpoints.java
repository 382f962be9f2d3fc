package io.channelhub.routes;

/** In-JVM entry points of the routes. */
final class HubEndpoints {
    /** Sends a step's outcomes, each to its queue ({@link Topology}), in the caller's transaction. */
    static final String PUBLISH = "direct:publish";

    private HubEndpoints() {
    }
}
