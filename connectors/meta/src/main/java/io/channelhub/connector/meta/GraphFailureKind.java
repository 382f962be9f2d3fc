package io.channelhub.connector.meta;

import io.channelhub.core.model.ReasonCodes;

/** The classes of Graph API failure the hub tells apart, each with its canonical reason code. */
public enum GraphFailureKind {
    /** Throttled: retried later, after the hint Meta gave if any. */
    RATE_LIMITED(ReasonCodes.RATE_LIMITED, true),
    /** Meta-side or temporary failure: retried. */
    UNAVAILABLE(ReasonCodes.PROVIDER_UNAVAILABLE, true),
    /** The token is invalid, expired or lacks a permission: permanent, and the connector is unhealthy. */
    CREDENTIALS(ReasonCodes.AUTHENTICATION_FAILED, false),
    /** Free-form content outside the channel's service window. */
    OUTSIDE_SERVICE_WINDOW(ReasonCodes.OUTSIDE_SERVICE_WINDOW, false),
    /** The person cannot be messaged on this channel (blocked the business, turned messages off). */
    NOT_REACHABLE(ReasonCodes.NOT_REACHABLE_ON_CHANNEL, false),
    /** Refused for good: invalid parameters, policy, anything not known to be temporary. */
    REJECTED(ReasonCodes.PROVIDER_REJECTED, false);

    private final String reasonCode;
    private final boolean transientFailure;

    GraphFailureKind(String reasonCode, boolean transientFailure) {
        this.reasonCode = reasonCode;
        this.transientFailure = transientFailure;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
