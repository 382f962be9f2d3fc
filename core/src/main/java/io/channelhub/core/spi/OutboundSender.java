package io.channelhub.core.spi;

import java.util.List;

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

    /**
     * The calls {@link #send} would make for this message, in order, built by the same translation but
     * without calling the provider, reading a credential or keeping anything (the hub's preview). Empty when
     * the connector cannot say.
     */
    default List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        return List.of();
    }
}
