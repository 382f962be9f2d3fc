package io.channelhub.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a {@link ComposedConnector} is made of, declared once in the connector's constructor: the descriptor,
 * normalizer and sender every channel has, then whichever optional parts the provider offers. A part left
 * undeclared answers as {@link ChannelConnector}'s default does, so a connector names only what it has.
 *
 * <p>A declaration, not a value to keep: the connector copies it when constructed, and later changes to it
 * change nothing.
 */
public final class ConnectorParts {
    final ChannelDescriptor descriptor;
    final InboundNormalizer normalizer;
    final OutboundSender sender;
    WebhookVerifier webhooks;
    InboundPoller poller;
    MediaFetcher mediaFetcher;
    CapabilityLookup capabilities;
    MessageRevoker revoker;
    ConversationSignals signals;
    InboundAcknowledgement inboundAcknowledgement;
    CredentialRenewal credentialRenewal;
    WebhookRegistration webhookRegistration;
    Function<TenantConnector, CredentialCheck> credentialCheck;
    Function<TenantConnector, List<String>> configurationProblems;
    Map<String, String> fieldDescriptions;

    private ConnectorParts(ChannelDescriptor descriptor, InboundNormalizer normalizer, OutboundSender sender) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** The parts no channel goes without; see {@link ChannelConnector#descriptor()} and the others. */
    public static ConnectorParts of(ChannelDescriptor descriptor, InboundNormalizer normalizer, OutboundSender sender) {
        return new ConnectorParts(descriptor, normalizer, sender);
    }

    /** See {@link ChannelConnector#webhooks()}. */
    public ConnectorParts webhooks(WebhookVerifier verifier) {
        this.webhooks = Objects.requireNonNull(verifier, "webhooks");
        return this;
    }

    /** See {@link ChannelConnector#poller()}. */
    public ConnectorParts poller(InboundPoller poller) {
        this.poller = Objects.requireNonNull(poller, "poller");
        return this;
    }

    /** See {@link ChannelConnector#mediaFetcher()}. */
    public ConnectorParts mediaFetcher(MediaFetcher fetcher) {
        this.mediaFetcher = Objects.requireNonNull(fetcher, "mediaFetcher");
        return this;
    }

    /** See {@link ChannelConnector#capabilities()}. */
    public ConnectorParts capabilities(CapabilityLookup lookup) {
        this.capabilities = Objects.requireNonNull(lookup, "capabilities");
        return this;
    }

    /** See {@link ChannelConnector#revoker()}. */
    public ConnectorParts revoker(MessageRevoker revoker) {
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        return this;
    }

    /** See {@link ChannelConnector#signals()}. */
    public ConnectorParts signals(ConversationSignals signals) {
        this.signals = Objects.requireNonNull(signals, "signals");
        return this;
    }

    /** See {@link ChannelConnector#inboundAcknowledgement()}. */
    public ConnectorParts inboundAcknowledgement(InboundAcknowledgement acknowledgement) {
        this.inboundAcknowledgement = Objects.requireNonNull(acknowledgement, "inboundAcknowledgement");
        return this;
    }

    /** See {@link ChannelConnector#credentialRenewal()}. */
    public ConnectorParts credentialRenewal(CredentialRenewal renewal) {
        this.credentialRenewal = Objects.requireNonNull(renewal, "credentialRenewal");
        return this;
    }

    /** See {@link ChannelConnector#webhookRegistration()}. */
    public ConnectorParts webhookRegistration(WebhookRegistration registration) {
        this.webhookRegistration = Objects.requireNonNull(registration, "webhookRegistration");
        return this;
    }

    /** See {@link ChannelConnector#checkCredentials}; the same contract: it must not throw. */
    public ConnectorParts credentialCheck(Function<TenantConnector, CredentialCheck> check) {
        this.credentialCheck = Objects.requireNonNull(check, "credentialCheck");
        return this;
    }

    /** See {@link ChannelConnector#configurationProblems}; the same contract: no provider call, no throwing. */
    public ConnectorParts configurationProblems(Function<TenantConnector, List<String>> problems) {
        this.configurationProblems = Objects.requireNonNull(problems, "configurationProblems");
        return this;
    }

    /** See {@link ChannelConnector#fieldDescriptions()}. */
    public ConnectorParts fieldDescriptions(Map<String, String> descriptions) {
        this.fieldDescriptions = Map.copyOf(descriptions);
        return this;
    }
}
