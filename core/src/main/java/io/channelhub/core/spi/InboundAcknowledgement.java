package io.channelhub.core.spi;

/**
 * For providers that wait for the business to acknowledge an inbound interaction (Telegram's
 * {@code answerCallbackQuery} stops the spinner on the button the contact tapped). The hub calls it once the
 * message is durably recorded and published, off the intake's thread, and never retries it: the provider accepts
 * an acknowledgement only for a short while, and a missing one only leaves a spinner turning.
 */
public interface InboundAcknowledgement {

    /** Whether this message awaits an acknowledgement. */
    boolean awaited(InboundMessage message);

    /** Acknowledges; provider failures are thrown as {@link io.channelhub.core.error.ChannelException}s. */
    void acknowledge(InboundMessage message, TenantConnector connector);
}
