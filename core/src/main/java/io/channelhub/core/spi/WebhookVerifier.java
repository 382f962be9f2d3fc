package io.channelhub.core.spi;

import java.util.Optional;

/**
 * Authenticates provider webhooks. Runs on the request thread before anything is queued, so it must
 * be fast and must not call the provider.
 */
public interface WebhookVerifier {

    /**
     * True when the request carries a valid signature for this tenant's connector. Computed over the
     * raw body bytes and compared in constant time; a missing signature is invalid.
     */
    boolean verify(WebhookRequest request, TenantConnector connector);

    /**
     * Answers a provider's subscription handshake (Meta's {@code hub.challenge} GET, Google's
     * clientToken POST). Empty when the request is not a handshake, so it is treated as an event.
     */
    default Optional<WebhookReply> handshake(WebhookRequest request, TenantConnector connector) {
        return Optional.empty();
    }

    /**
     * Whether the request is a subscription handshake at all, whoever it is for: on a platform-wide URL
     * the hub then asks {@link #handshake} of each of the channel's connectors, and otherwise not, since
     * that would read every tenant's secrets for every event. Default: a GET.
     */
    default boolean isHandshake(WebhookRequest request) {
        return request.isGet();
    }

    /**
     * For platform-wide webhook URLs (no tenant in the path): the provider account the request is
     * for, matched against each tenant's {@link ChannelDescriptor#routingSetting()}. Must read only as
     * much of the body as needed; empty when the account cannot be found.
     */
    default Optional<String> accountId(WebhookRequest request) {
        return Optional.empty();
    }

    /**
     * Every provider account a platform-wide payload carries events for (Meta batches the entries of
     * several phone numbers of one app). When there are several, the hub queues the payload once for
     * each account's tenant with the header {@link InboundPayload#ACCOUNT_HEADER}, and the normalizer
     * keeps only that account's events.
     */
    default java.util.Set<String> accountIds(WebhookRequest request) {
        return accountId(request).map(java.util.Set::of).orElse(java.util.Set.of());
    }

    /**
     * For platform-wide URLs: the parent accounts of events that name no routing account (Meta's account,
     * template and quality updates name only the WhatsApp Business Account). Only events that carry no
     * consumer message belong here. The hub queues the payload for every tenant whose connector holds the
     * account, marked with {@link InboundPayload#ACCOUNT_HEADER} = the parent account's id; one that no
     * tenant holds is acknowledged and counted, since no consumer message is lost with it.
     */
    default java.util.Set<ParentAccount> parentAccounts(WebhookRequest request) {
        return java.util.Set.of();
    }

    /**
     * The media types the provider posts events as (without parameters, lower case). A signed event of
     * another type is answered 415 instead of being queued to fail in the normalizer. Empty: any type.
     */
    default java.util.Set<String> payloadTypes() {
        return java.util.Set.of();
    }

    /** What to answer once the request is durably queued (Twilio wants TwiML; Meta any 200). */
    default WebhookReply acknowledgement() {
        return WebhookReply.ok();
    }

    /**
     * The request headers the normalizer needs later (queued beside the body); most channels need only
     * the content type.
     */
    default java.util.Set<String> headersToKeep() {
        return java.util.Set.of("Content-Type");
    }
}
