package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The hub's one message model (CONTRACT §1): every inbound webhook and every outbound submission is
 * expressed as this, whatever the channel.
 *
 * @param id                hub id (UUID), assigned by the hub
 * @param conversationId    stable per (tenant, channel, contact), derived by {@link ConversationIds}
 * @param providerMessageId the provider's id once known
 * @param replyTo           provider or hub id of the message this one answers
 * @param metadata          opaque map: set by the core platform on outbound, echoed on events
 * @param attachments       email only: attached media
 * @param headers           email only: threading headers
 * @param sentBy            outbound: who wrote it, as submitted (CONTRACT §7)
 * @param tag               outbound: the message tag submitted for use outside the service window
 * @param expireAt          outbound: when the message stops mattering if it is not delivered by then
 * @param fallbackOf        outbound: on an attempt of a fallback chain, the id of the message the platform submitted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalMessage(
        String id,
        String tenantId,
        String channel,
        Direction direction,
        Party from,
        Party to,
        String conversationId,
        String providerMessageId,
        Instant timestamp,
        Content content,
        String replyTo,
        Map<String, Object> metadata,
        List<MediaContent> attachments,
        EmailHeaders headers,
        SentBy sentBy,
        String tag,
        Instant expireAt,
        String fallbackOf) {

    public CanonicalMessage {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        attachments = attachments == null || attachments.isEmpty() ? null : List.copyOf(attachments);
    }

    /** A message without the outbound-only fields (every inbound message). */
    public CanonicalMessage(String id, String tenantId, String channel, Direction direction, Party from, Party to,
                            String conversationId, String providerMessageId, Instant timestamp, Content content,
                            String replyTo, Map<String, Object> metadata, List<MediaContent> attachments,
                            EmailHeaders headers) {
        this(id, tenantId, channel, direction, from, to, conversationId, providerMessageId, timestamp, content,
                replyTo, metadata, attachments, headers, null, null, null, null);
    }

    public CanonicalMessage withContent(Content newContent, List<MediaContent> newAttachments) {
        return new CanonicalMessage(id, tenantId, channel, direction, from, to, conversationId, providerMessageId,
                timestamp, newContent, replyTo, metadata, newAttachments, headers, sentBy, tag, expireAt,
                fallbackOf);
    }
}
