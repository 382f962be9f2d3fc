package io.channelhub.core.spi;

import io.channelhub.core.model.Category;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.SentBy;
import java.time.Instant;
import java.util.List;
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
 * @param sentBy            who wrote it
 * @param tag               the message tag to send under, set by the hub only outside the service window
 *                          (inside it the connector sends as a response), or null
 * @param expireAt          when the message stops mattering: a provider that can revoke an undelivered
 *                          message at a time (RBM's {@code expireTime}) is given it; or null
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
        SentBy sentBy,
        String tag,
        Instant expireAt,
        List<String> deviceFeatures) {

    public OutboundMessage {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        sentBy = sentBy == null ? SentBy.BOT : sentBy;
        deviceFeatures = deviceFeatures == null ? null : List.copyOf(deviceFeatures);
    }

    /** A message whose contact's device features the hub does not know. */
    public OutboundMessage(String id, String tenantId, String channel, Party from, Party to, String conversationId,
                           Content content, Category category, String replyTo, EmailHeaders replyHeaders,
                           String statusCallbackUrl, String unsubscribeUrl, Map<String, Object> metadata,
                           SentBy sentBy, String tag, Instant expireAt) {
        this(id, tenantId, channel, from, to, conversationId, content, category, replyTo, replyHeaders,
                statusCallbackUrl, unsubscribeUrl, metadata, sentBy, tag, expireAt, null);
    }

    /** A message written by the hub's caller's automation, sent without a tag. */
    public OutboundMessage(String id, String tenantId, String channel, Party from, Party to, String conversationId,
                           Content content, Category category, String replyTo, EmailHeaders replyHeaders,
                           String statusCallbackUrl, String unsubscribeUrl, Map<String, Object> metadata) {
        this(id, tenantId, channel, from, to, conversationId, content, category, replyTo, replyHeaders,
                statusCallbackUrl, unsubscribeUrl, metadata, SentBy.BOT, null, null, null);
    }

    /** This message for a contact whose device shows {@code features} (null: not known). */
    public OutboundMessage withDeviceFeatures(List<String> features) {
        return new OutboundMessage(id, tenantId, channel, from, to, conversationId, content, category, replyTo,
                replyHeaders, statusCallbackUrl, unsubscribeUrl, metadata, sentBy, tag, expireAt, features);
    }
}
