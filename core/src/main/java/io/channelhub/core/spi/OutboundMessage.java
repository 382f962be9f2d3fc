package io.channelhub.core.spi;

import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.Party;
import java.util.Map;

/**
 * A message ready for the provider, after the hub's validation, gate and content degradation.
 *
 * @param id                hub message id; connectors may pass it to the provider for correlation
 * @param from              the sender asked for, or null for the tenant's configured sender
 * @param replyTo           provider id of the message this one answers, if any
 * @param replyHeaders      email: threading headers of the message answered, if the hub knows it
 * @param statusCallbackUrl hub URL the provider should report statuses to (carries the hub id)
 * @param unsubscribeUrl    hub URL of the one-click unsubscribe for this contact and channel
 * @param tag               the channel's message tag to send with (Messenger/Instagram {@code HUMAN_AGENT},
 *                          {@code ACCOUNT_UPDATE}, …), set by the hub where a message may leave the service
 *                          window only with one; null for none
 */
public record OutboundMessage(
        String id,
        String tenantId,
        String channel,
        Party from,
        Party to,
        String conversationId,
        Content content,
        Category category,
        String replyTo,
        EmailHeaders replyHeaders,
        String statusCallbackUrl,
        String unsubscribeUrl,
        Map<String, Object> metadata,
        String tag) {

    public OutboundMessage {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A message without a message tag. */
    public OutboundMessage(String id, String tenantId, String channel, Party from, Party to, String conversationId,
                           Content content, Category category, String replyTo, EmailHeaders replyHeaders,
                           String statusCallbackUrl, String unsubscribeUrl, Map<String, Object> metadata) {
        this(id, tenantId, channel, from, to, conversationId, content, category, replyTo, replyHeaders,
                statusCallbackUrl, unsubscribeUrl, metadata, null);
    }
}
