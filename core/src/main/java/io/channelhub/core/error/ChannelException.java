package io.channelhub.core.error;

/**
 * A provider call that did not succeed, classified by the connector. The hub, not the connector,
 * decides what follows (retry, dead letter, circuit breaking). Messages never contain secrets.
 */
public abstract sealed class ChannelException extends RuntimeException
        permits TransientChannelException, PermanentChannelException {

    private final String reasonCode;
    private final String providerCode;

    protected ChannelException(String reasonCode, String providerCode, String message, Throwable cause) {
        super(message, cause, false, cause != null);
        this.reasonCode = reasonCode;
        this.providerCode = providerCode;
    }

    /**
     * The same classification with {@code message} and without the cause, whose text nobody vouches for:
     * the hub redacts provider and library text this way before it reaches a log, an event or an answer.
     */
    public abstract ChannelException redactedCopy(String message);

    /** A {@link io.channelhub.core.model.ReasonCodes} word. */
    public String reasonCode() {
        return reasonCode;
    }

    /** The provider's own error code, or null. */
    public String providerCode() {
        return providerCode;
    }
}
