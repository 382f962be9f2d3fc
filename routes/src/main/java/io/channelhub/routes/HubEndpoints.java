package io.channelhub.routes;

/** In-JVM entry points of the routes, and the URI of their queue consumers. */
public final class HubEndpoints {
    public static final String PUBLISH = "direct:publish";

    private HubEndpoints() {
    }

    /** A transacted consumer of a queue with the given concurrency property prefix. */
    static String consumer(String queue, String name) {
        return "jms:queue:" + queue + "?transacted=true"
                + "&concurrentConsumers={{hub.routes." + name + ".consumers:2}}"
                + "&maxConcurrentConsumers={{hub.routes." + name + ".max-consumers:8}}"
                + "&cacheLevelName=CACHE_CONSUMER";
    }
}
