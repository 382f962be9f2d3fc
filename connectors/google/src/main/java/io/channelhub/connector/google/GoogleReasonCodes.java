package io.channelhub.connector.google;

/**
 * Reason codes of CONTRACT §7 that core's {@link io.channelhub.core.model.ReasonCodes} does not list yet.
 * They move there (and into its {@code ALL}) with the SPI additions this connector waits for.
 */
final class GoogleReasonCodes {
    /** RBM cannot reach the number: no RCS on the device, or the agent is not launched on its carrier. */
    static final String NOT_REACHABLE_ON_CHANNEL = "not_reachable_on_channel";
    /** The message's time to live ran out before delivery and Google revoked it. */
    static final String EXPIRED = "expired";

    private GoogleReasonCodes() {
    }
}
