package io.channelhub.app.inbound;

/** JMS properties of items on the intake queue, besides tenantId and channel. */
final class IntakeProperties {
    /** JSON map of the request headers the connector asked to keep. */
    static final String HEADERS = "hubHeaders";
    /** ISO-8601 instant the hub received the item. */
    static final String RECEIVED_AT = "receivedAt";

    private IntakeProperties() {
    }
}
