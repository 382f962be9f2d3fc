package io.channelhub.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One messaging channel, as the hub sees it. A connector translates between one provider's formats
 * and API and the canonical model; it knows nothing of queues, databases, retries or channel policy.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Thread-safe and stateless across tenants: every call receives the tenant's settings and
 *       decrypted secrets in a {@link TenantConnector}; nothing is held in static or global state.</li>
 *   <li>Provider failures are classified, never handled: senders and fetchers throw
 *       {@link io.channelhub.core.error.TransientChannelException} or
 *       {@link io.channelhub.core.error.PermanentChannelException} and never sleep or retry.</li>
 *   <li>No secret appears in an exception message, a log line or a {@code toString()}.</li>
 *   <li>Every provider base URL comes from the {@link ConnectorEnvironment}, so tests point it at a fake.</li>
 * </ul>
 * Inbound traffic arrives either by {@linkplain #webhooks() webhook} or by {@linkplain #poller() polling};
 * a connector offers at least one.
 */
public interface ChannelConnector {

    /** What the channel is and what it can carry. */
    ChannelDescriptor descriptor();

    /** Webhook authentication and handshake, for channels whose provider pushes to the hub. */
    default Optional<WebhookVerifier> webhooks() {
        return Optional.empty();
    }

    /** Mailbox-style polling, for channels the hub must fetch from (email). */
    default Optional<InboundPoller> poller() {
        return Optional.empty();
    }

    /** Turns a durably received raw payload into canonical events. */
    InboundNormalizer normalizer();

    /** Sends one outbound message through the provider. */
    OutboundSender sender();

    /** Whether a contact can be reached on the channel and what it can show, for providers that say (RBM). */
    default Optional<CapabilityLookup> capabilities() {
        return Optional.empty();
    }

    /** Takes back a sent message that was not delivered yet, for providers that can (RBM). */
    default Optional<MessageRevoker> revoker() {
        return Optional.empty();
    }

    /** Shows the contact that the business is typing or has seen their messages (Messenger, Instagram). */
    default Optional<ConversationSignals> signals() {
        return Optional.empty();
    }

    /** Acknowledges inbound interactions the provider waits for (Telegram's button taps). */
    default Optional<InboundAcknowledgement> inboundAcknowledgement() {
        return Optional.empty();
    }

    /** Renews credentials that expire unless renewed (Instagram user tokens). */
    default Optional<CredentialRenewal> credentialRenewal() {
        return Optional.empty();
    }

    /** Tells the provider where to deliver webhooks, for providers the hub registers with (Telegram). */
    default Optional<WebhookRegistration> webhookRegistration() {
        return Optional.empty();
    }

    /** Downloads media that inbound messages refer to by provider reference. */
    default Optional<MediaFetcher> mediaFetcher() {
        return Optional.empty();
    }

    /**
     * Checks the tenant's settings and credentials against the provider with a cheap call. Runs when
     * ops save a connector; its result shows in the connector's status. Must not throw.
     */
    default CredentialCheck checkCredentials(TenantConnector connector) {
        return CredentialCheck.skipped("this connector has no credential check");
    }

    /**
     * Problems with the given settings and secrets that no provider call can fix (a token no HTTP header
     * can carry, a port out of range), one line per problem naming the field and never quoting a secret.
     * Runs when ops save a connector, before anything is stored: any problem refuses the save with 400.
     * Must not call the provider and must not throw.
     */
    default List<String> configurationProblems(TenantConnector connector) {
        return List.of();
    }

    /**
     * One sentence for ops per setting or secret name ({@link ChannelDescriptor#settingKeys()},
     * {@link ChannelDescriptor#secretKeys()}): what to enter and where to find it. Shown beside the field in the
     * ops console; names without a description are shown bare.
     */
    default Map<String, String> fieldDescriptions() {
        return Map.of();
    }
}
