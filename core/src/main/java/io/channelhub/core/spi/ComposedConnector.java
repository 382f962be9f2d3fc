package io.channelhub.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link ChannelConnector} that answers from the {@link ConnectorParts} it was built with, so a connector
 * declares each part once instead of repeating an accessor per part. The accessors are final: a part that
 * could also be overridden would have two places to look for it.
 */
public abstract class ComposedConnector implements ChannelConnector {
    private final ChannelDescriptor descriptor;
    private final InboundNormalizer normalizer;
    private final OutboundSender sender;
    private final Optional<WebhookVerifier> webhooks;
    private final Optional<InboundPoller> poller;
    private final Optional<MediaFetcher> mediaFetcher;
    private final Optional<CapabilityLookup> capabilities;
    private final Optional<MessageRevoker> revoker;
    private final Optional<ConversationSignals> signals;
    private final Optional<InboundAcknowledgement> inboundAcknowledgement;
    private final Optional<CredentialRenewal> credentialRenewal;
    private final Optional<WebhookRegistration> webhookRegistration;
    // null where undeclared: the interface's default answers then, so it stays written in one place
    private final Function<TenantConnector, CredentialCheck> credentialCheck;
    private final Function<TenantConnector, List<String>> configurationProblems;
    private final Map<String, String> fieldDescriptions;

    protected ComposedConnector(ConnectorParts parts) {
        this.descriptor = parts.descriptor;
        this.normalizer = parts.normalizer;
        this.sender = parts.sender;
        this.webhooks = Optional.ofNullable(parts.webhooks);
        this.poller = Optional.ofNullable(parts.poller);
        this.mediaFetcher = Optional.ofNullable(parts.mediaFetcher);
        this.capabilities = Optional.ofNullable(parts.capabilities);
        this.revoker = Optional.ofNullable(parts.revoker);
        this.signals = Optional.ofNullable(parts.signals);
        this.inboundAcknowledgement = Optional.ofNullable(parts.inboundAcknowledgement);
        this.credentialRenewal = Optional.ofNullable(parts.credentialRenewal);
        this.webhookRegistration = Optional.ofNullable(parts.webhookRegistration);
        this.credentialCheck = parts.credentialCheck;
        this.configurationProblems = parts.configurationProblems;
        this.fieldDescriptions = parts.fieldDescriptions;
    }

    @Override
    public final ChannelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Optional<WebhookVerifier> webhooks() {
        return webhooks;
    }

    @Override
    public final Optional<InboundPoller> poller() {
        return poller;
    }

    @Override
    public final InboundNormalizer normalizer() {
        return normalizer;
    }

    @Override
    public final OutboundSender sender() {
        return sender;
    }

    @Override
    public final Optional<CapabilityLookup> capabilities() {
        return capabilities;
    }

    @Override
    public final Optional<MessageRevoker> revoker() {
        return revoker;
    }

    @Override
    public final Optional<ConversationSignals> signals() {
        return signals;
    }

    @Override
    public final Optional<InboundAcknowledgement> inboundAcknowledgement() {
        return inboundAcknowledgement;
    }

    @Override
    public final Optional<CredentialRenewal> credentialRenewal() {
        return credentialRenewal;
    }

    @Override
    public final Optional<WebhookRegistration> webhookRegistration() {
        return webhookRegistration;
    }

    @Override
    public final Optional<MediaFetcher> mediaFetcher() {
        return mediaFetcher;
    }

    @Override
    public final CredentialCheck checkCredentials(TenantConnector connector) {
        return credentialCheck == null
                ? ChannelConnector.super.checkCredentials(connector)
                : credentialCheck.apply(connector);
    }

    @Override
    public final List<String> configurationProblems(TenantConnector connector) {
        return configurationProblems == null
                ? ChannelConnector.super.configurationProblems(connector)
                : configurationProblems.apply(connector);
    }

    @Override
    public final Map<String, String> fieldDescriptions() {
        return fieldDescriptions == null ? ChannelConnector.super.fieldDescriptions() : fieldDescriptions;
    }
}
