package io.channelhub.core.spi;

/**
 * Sends one message through the provider with the tenant's credentials.
 *
 * <p>Contract: one provider call per {@code send} (a provider SDK's own retries must be switched off:
 * the hub's retry policy is the only one). Success returns the provider's id; failures throw
 * {@link io.channelhub.core.error.TransientChannelException} (retryable) or
 * {@link io.channelhub.core.error.PermanentChannelException}. The channel rules (consent, windows,
 * quiet hours) have already been applied by the hub; the sender only translates.
 */
public interface OutboundSender {
    SendResult send(OutboundMessage message, TenantConnector connector);
}
