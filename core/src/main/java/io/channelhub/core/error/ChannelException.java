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

    /** A {@link io.channelhub.core.model.ReasonCodes} word. */
    public String reasonCode() {
        return reasonCode;
    }

    /** The provider's own error code, or null. */
    public String providerCode() {
        return providerCode;
    }
}
