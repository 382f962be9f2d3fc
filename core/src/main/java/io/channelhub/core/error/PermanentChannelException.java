package io.channelhub.core.error;

import io.channelhub.core.model.ReasonCodes;

/**
 * The call will not succeed by repeating it (invalid recipient, rejected content, opted out). Never
 * retried. {@link #credentialsRejected()} additionally marks the tenant's connector unhealthy.
 */
public final class PermanentChannelException extends ChannelException {
    private final boolean credentialsRejected;

    public PermanentChannelException(String reasonCode, String providerCode, String message) {
        this(reasonCode, providerCode, message, false);
    }

    private PermanentChannelException(String reasonCode, String providerCode, String message,
                                      boolean credentialsRejected) {
        super(reasonCode, providerCode, message, null);
        this.credentialsRejected = credentialsRejected;
    }

    /** The provider refused the tenant's credentials (expired token, wrong password). */
    public static PermanentChannelException credentials(String providerCode, String message) {
        return new PermanentChannelException(ReasonCodes.AUTHENTICATION_FAILED, providerCode, message, true);
    }

    @Override
    public PermanentChannelException redactedCopy(String message) {
        return new PermanentChannelException(reasonCode(), providerCode(), message, credentialsRejected);
    }

    public boolean credentialsRejected() {
        return credentialsRejected;
    }
}
